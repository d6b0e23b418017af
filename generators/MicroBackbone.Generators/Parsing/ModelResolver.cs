using MicroBackbone.Generators.Model;
using MicroBackbone.Ir;

namespace MicroBackbone.Generators.Parsing;

/// <summary>Matches a target's file name against the parsed <c>.mbir</c> AdditionalFiles.</summary>
internal static class ModelResolver
{
    /// <summary>The request to emit for <paramref name="target"/>, or the diagnostics explaining why there is none.</summary>
    public static ResolvedModel Resolve(ModelTarget target, EquatableArray<ModelFile> files)
    {
        if (target.Diagnostics.Count > 0)
        {
            return new ResolvedModel(null, target.Diagnostics);
        }

        var matches = files.Where(f => Matches(f.Path, target.ModelFile)).ToList();
        if (matches.Count == 0)
        {
            return Fail(DiagnosticInfo.Create(DiagnosticDescriptors.ModelFileNotFound, target.AttributeLocation, target.ModelFile));
        }

        if (matches.Count > 1)
        {
            return Fail(DiagnosticInfo.Create(DiagnosticDescriptors.AmbiguousModelFile, target.AttributeLocation, target.ModelFile,
                string.Join(", ", matches.Select(m => m.Path).OrderBy(p => p, StringComparer.Ordinal))));
        }

        var file = matches[0];
        if (file.Spec is null)
        {
            var descriptor = DiagnosticDescriptors.ById(file.ErrorId ?? string.Empty);
            var subject = descriptor == DiagnosticDescriptors.InternalError ? file.Path : target.ModelFile;
            return Fail(DiagnosticInfo.Create(descriptor, target.AttributeLocation, subject, file.ErrorMessage ?? string.Empty));
        }

        var request = new ModelRequest(target.Namespace, target.ClassName, Path.GetFileName(file.Path), file.Spec);
        return new ResolvedModel(request, EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>
    /// True when <paramref name="path"/> is <paramref name="modelFile"/> or ends with it after a directory separator
    /// (so "edge_nano.mbir" and "models/edge_nano.mbir" both find "/src/app/models/edge_nano.mbir").
    /// </summary>
    internal static bool Matches(string path, string modelFile)
    {
        if (modelFile.Length == 0)
        {
            return false;
        }

        var p = path.Replace('\\', '/');
        var m = modelFile.Replace('\\', '/');
        while (m.StartsWith("./", StringComparison.Ordinal))
        {
            m = m.Substring(2);
        }

        return string.Equals(p, m, StringComparison.Ordinal) || p.EndsWith("/" + m, StringComparison.Ordinal);
    }

    private static ResolvedModel Fail(DiagnosticInfo diagnostic) => new(null, EquatableArray.Of(diagnostic));
}
