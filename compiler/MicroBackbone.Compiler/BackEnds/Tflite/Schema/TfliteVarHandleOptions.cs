namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of VAR_HANDLE (schema table <c>VarHandleOptions</c>).</summary>
/// <param name="Container">Resource container name, or null when absent.</param>
/// <param name="SharedName">Name that identifies the variable across subgraphs, or null when absent.</param>
public sealed record TfliteVarHandleOptions(string? Container = null, string? SharedName = null) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.VarHandleOptions;
}
