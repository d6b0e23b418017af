using MicroBackbone.Generators.Model;
using MicroBackbone.Ir;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MicroBackbone.Generators.Parsing;

/// <summary>Reads a <c>[MicroModel]</c> class into a <see cref="ModelTarget"/> (runs in ForAttributeWithMetadataName).</summary>
internal static class ModelTargetParser
{
    /// <summary>The target for the attributed class of <paramref name="context"/>.</summary>
    public static ModelTarget Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var symbol = (INamedTypeSymbol)context.TargetSymbol;
        var declaration = (ClassDeclarationSyntax)context.TargetNode;
        var attribute = context.Attributes[0];
        var modelFile = attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string s ? s : string.Empty;
        var attributeSyntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        var location = LocationInfo.From(
            attributeSyntax?.ArgumentList?.Arguments.FirstOrDefault()?.GetLocation() ?? attributeSyntax?.GetLocation() ?? declaration.Identifier.GetLocation());
        var classLocation = LocationInfo.From(declaration.Identifier.GetLocation());
        var ns = symbol.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : null;
        var diagnostics = new List<DiagnosticInfo>();
        var name = symbol.ToDisplayString();
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.ClassNotPartial, classLocation, name));
        }

        if (symbol.ContainingType is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, classLocation, name, "it is nested in another type"));
        }

        if (symbol.IsGenericType)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, classLocation, name, "it is generic"));
        }

        if (symbol.IsStatic)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.UnsupportedClass, classLocation, name, "it is static (the model class has instances owning an arena)"));
        }

        return new ModelTarget(ns, symbol.Name, modelFile, location, new EquatableArray<DiagnosticInfo>(diagnostics));
    }
}
