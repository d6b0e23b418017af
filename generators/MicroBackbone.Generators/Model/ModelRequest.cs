using MicroBackbone.CSharpEmitter.Spec;

namespace MicroBackbone.Generators.Model;

/// <summary>What the emitter needs for one class: where it lives and the lowered model. Equal requests are emitted once.</summary>
internal sealed record ModelRequest(string? Namespace, string ClassName, string SourceName, ModelSpec Spec)
{
    /// <summary>Unique, file-system-safe hint name of the generated file.</summary>
    public string HintName => (Namespace is null ? ClassName : Namespace + "." + ClassName) + ".MicroModel.g.cs";
}
