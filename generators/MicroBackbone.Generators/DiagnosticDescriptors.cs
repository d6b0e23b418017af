using Microsoft.CodeAnalysis;

namespace MicroBackbone.Generators;

/// <summary>The diagnostics of the [MicroModel] generator, by id.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "MicroBackbone";

    /// <summary>MBC001: the attribute names a file that is not an AdditionalFile of the project.</summary>
    public static readonly DiagnosticDescriptor ModelFileNotFound = new(
        "MBC001",
        "Model file not found",
        "Model file '{0}' is not among the project's AdditionalFiles; add <AdditionalFiles Include=\"{0}\" /> to the project",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>MBC002: the file is not a readable .mbir graph (format, version, corrupt JSON, invalid graph).</summary>
    public static readonly DiagnosticDescriptor InvalidModelFile = new(
        "MBC002",
        "Model file cannot be read",
        "Model file '{0}' cannot be read: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>MBC003: the class is not partial, so generated members could not join it.</summary>
    public static readonly DiagnosticDescriptor ClassNotPartial = new(
        "MBC003",
        "Model class must be partial",
        "Class '{0}' must be declared partial so [MicroModel] can add the model's members",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>MBC004: the model uses something the generated C# cannot run (float graph, unsupported operator).</summary>
    public static readonly DiagnosticDescriptor UnsupportedModel = new(
        "MBC004",
        "Model not supported in C#",
        "Model file '{0}' cannot be generated as C#: {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>MBC005: nested, generic or static classes cannot carry the attribute.</summary>
    public static readonly DiagnosticDescriptor UnsupportedClass = new(
        "MBC005",
        "Class kind not supported",
        "Class '{0}' cannot carry [MicroModel]: {1}; declare a top-level, non-generic, non-static partial class",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>MBC006: the file name matches more than one AdditionalFile.</summary>
    public static readonly DiagnosticDescriptor AmbiguousModelFile = new(
        "MBC006",
        "Model file is ambiguous",
        "Model file '{0}' matches several AdditionalFiles ({1}); give a longer relative path in [MicroModel]",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>MBC007: the generated class would not compile because the runtime kernels are missing or older than 1.1.</summary>
    public static readonly DiagnosticDescriptor RuntimeNotReferenced = new(
        "MBC007",
        "MicroBackbone.Runtime not referenced",
        "Class '{0}' needs the MicroBackbone.Runtime package, version 1.1.0 or later (the generated code calls its kernels); add or update the reference",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>MBC099: a bug in the generator itself; reported instead of letting an exception escape.</summary>
    public static readonly DiagnosticDescriptor InternalError = new(
        "MBC099",
        "MicroBackbone generator failed",
        "The MicroBackbone generator failed on '{0}': {1}",
        Category,
        DiagnosticSeverity.Error,
        isEnabledByDefault: true);

    /// <summary>The descriptor with <paramref name="id"/> (diagnostics are cached as ids, not descriptors).</summary>
    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "MBC001" => ModelFileNotFound,
        "MBC002" => InvalidModelFile,
        "MBC003" => ClassNotPartial,
        "MBC004" => UnsupportedModel,
        "MBC005" => UnsupportedClass,
        "MBC006" => AmbiguousModelFile,
        "MBC007" => RuntimeNotReferenced,
        _ => InternalError,
    };
}
