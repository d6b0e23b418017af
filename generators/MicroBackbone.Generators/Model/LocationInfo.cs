using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace MicroBackbone.Generators.Model;

/// <summary>
/// A source location as plain values: the generator caches it between runs, and a cached value must not hold a
/// <see cref="SyntaxTree"/> (that would keep old compilations alive and defeat equality).
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>The location as a Roslyn <see cref="Location"/> for reporting.</summary>
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    /// <summary>Captures a source location; null for locations outside source files.</summary>
    public static LocationInfo? From(Location? location) =>
        location is { SourceTree: { } tree }
            ? new LocationInfo(tree.FilePath, location.SourceSpan, location.GetLineSpan().Span)
            : null;
}
