using MicroBackbone.Ir;

namespace MicroBackbone.Generators.Model;

/// <summary>
/// A class carrying <c>[MicroModel("file.mbir")]</c>, as cacheable values (no symbols or syntax).
/// <see cref="Diagnostics"/> holds the class's own problems (not partial, nested...); when non-empty nothing is
/// generated for it.
/// </summary>
/// <param name="Namespace">Containing namespace, or null for the global namespace.</param>
/// <param name="ClassName">Simple name of the class.</param>
/// <param name="ModelFile">The attribute's argument (a file name or relative path).</param>
/// <param name="AttributeLocation">Where MBC001/MBC002/MBC004 are reported.</param>
/// <param name="Diagnostics">Problems with the class itself.</param>
internal sealed record ModelTarget(
    string? Namespace,
    string ClassName,
    string ModelFile,
    LocationInfo? AttributeLocation,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>Namespace-qualified name for messages and hint names.</summary>
    public string FullName => Namespace is null ? ClassName : Namespace + "." + ClassName;
}
