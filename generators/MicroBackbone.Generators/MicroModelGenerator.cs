using System.Collections.Immutable;
using MicroBackbone.CSharpEmitter.Emitting;
using MicroBackbone.Generators.Model;
using MicroBackbone.Generators.Parsing;
using MicroBackbone.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MicroBackbone.Generators;

/// <summary>
/// Incremental generator for <c>[MicroModel("model.mbir")] partial class X;</c>. Pipeline (every cached value is
/// an equatable record, never a symbol, syntax node or compilation):
/// attributed classes → <see cref="ModelTarget"/>; <c>.mbir</c> AdditionalFiles → <see cref="ModelFile"/> (read,
/// validated and lowered once per file content); target + files → <see cref="ResolvedModel"/> (request +
/// diagnostics); request → <see cref="GeneratedSource"/> (emitted text).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class MicroModelGenerator : IIncrementalGenerator
{
    /// <summary>Tracking names of the pipeline steps (for incremental-caching tests).</summary>
    public static class StepNames
    {
        /// <summary>Attributed classes read into targets.</summary>
        public const string Targets = "MicroModel.Targets";

        /// <summary>Parsed and lowered model files.</summary>
        public const string ModelFiles = "MicroModel.ModelFiles";

        /// <summary>Targets matched with their model.</summary>
        public const string Resolved = "MicroModel.Resolved";

        /// <summary>Emitted sources.</summary>
        public const string Sources = "MicroModel.Sources";
    }

    private const string RuntimeProbeType = "MicroBackbone.Runtime.PackedFilters";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        context.RegisterPostInitializationOutput(static post =>
        {
            post.AddEmbeddedAttributeDefinition();
            post.AddSource(MicroModelAttributeSource.HintName, MicroModelAttributeSource.Text);
        });

        var targets = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                MicroModelAttributeSource.MetadataName,
                static (node, _) => node is ClassDeclarationSyntax,
                static (ctx, ct) => ModelTargetParser.Parse(ctx, ct))
            .WithTrackingName(StepNames.Targets);

        var files = context.AdditionalTextsProvider
            .Where(static f => f.Path.EndsWith(".mbir", StringComparison.OrdinalIgnoreCase))
            .Select(static (f, ct) => ModelFileParser.Parse(f, ct))
            .WithTrackingName(StepNames.ModelFiles)
            .Collect()
            .Select(static (all, _) => new EquatableArray<ModelFile>(all));

        var hasRuntime = context.CompilationProvider
            .Select(static (c, _) => c.GetTypeByMetadataName(RuntimeProbeType) is not null);

        var resolved = targets
            .Combine(files)
            .Combine(hasRuntime)
            .Select(static (input, _) => Resolve(input.Left.Left, input.Left.Right, input.Right))
            .WithTrackingName(StepNames.Resolved);

        context.RegisterSourceOutput(resolved.Select(static (r, _) => r.Diagnostics), static (spc, diagnostics) =>
        {
            foreach (var d in diagnostics)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }
        });

        var sources = resolved
            .Select(static (r, _) => r.Request)
            .Where(static r => r is not null)
            .Select(static (r, _) => Emit(r!))
            .WithTrackingName(StepNames.Sources);

        context.RegisterSourceOutput(sources, static (spc, source) =>
        {
            foreach (var d in source.Diagnostics)
            {
                spc.ReportDiagnostic(d.ToDiagnostic());
            }

            if (source.Text is not null)
            {
                spc.AddSource(source.HintName, source.Text);
            }
        });
    }

    private static ResolvedModel Resolve(ModelTarget target, EquatableArray<ModelFile> files, bool hasRuntime)
    {
        var resolved = ModelResolver.Resolve(target, files);
        if (resolved.Request is not null && !hasRuntime)
        {
            return new ResolvedModel(null, EquatableArray.Of(
                DiagnosticInfo.Create(DiagnosticDescriptors.RuntimeNotReferenced, target.AttributeLocation, target.FullName)));
        }

        return resolved;
    }

    private static GeneratedSource Emit(ModelRequest request)
    {
        try
        {
            var text = ModelEmitter.Emit(request.Spec, request.Namespace, request.ClassName, request.SourceName);
            return new GeneratedSource(request.HintName, text, EquatableArray<DiagnosticInfo>.Empty);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var diagnostic = DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, null, request.SourceName, $"{e.GetType().Name}: {e.Message}");
            return new GeneratedSource(request.HintName, null, EquatableArray.Of(diagnostic));
        }
    }
}
