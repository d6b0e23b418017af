using MicroBackbone.Ir;
using Microsoft.CodeAnalysis;

namespace MicroBackbone.Generators.Model;

/// <summary>A diagnostic as cacheable values: descriptor id, location and message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>Creates the info for <paramref name="descriptor"/>.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, LocationInfo? location, params string[] arguments) =>
        new(descriptor.Id, location, new EquatableArray<string>(arguments));

    /// <summary>The Roslyn diagnostic to report.</summary>
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(DiagnosticDescriptors.ById(Id), Location?.ToLocation(), Arguments.ToArray<object>());
}
