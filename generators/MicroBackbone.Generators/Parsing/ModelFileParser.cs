using MicroBackbone.CSharpEmitter;
using MicroBackbone.CSharpEmitter.Lowering;
using MicroBackbone.Generators.Model;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Format;
using Microsoft.CodeAnalysis;

namespace MicroBackbone.Generators.Parsing;

/// <summary>Reads, validates and lowers one <c>.mbir</c> AdditionalFile; never throws (except on cancellation).</summary>
internal static class ModelFileParser
{
    /// <summary>The lowered model, or why it cannot be used.</summary>
    public static ModelFile Parse(AdditionalText file, CancellationToken cancellationToken)
    {
        var sourceName = Path.GetFileName(file.Path);
        var text = file.GetText(cancellationToken);
        if (text is null)
        {
            return new ModelFile(file.Path, null, DiagnosticDescriptors.InvalidModelFile.Id, $"{sourceName}: the file could not be read");
        }

        try
        {
            var graph = MbirReader.Read(text.ToString(), sourceName);
            cancellationToken.ThrowIfCancellationRequested();
            return new ModelFile(file.Path, ModelLowering.Lower(graph), null, null);
        }
        catch (MbirFormatException e)
        {
            return new ModelFile(file.Path, null, DiagnosticDescriptors.InvalidModelFile.Id, e.Message);
        }
        catch (IrValidationException e)
        {
            return new ModelFile(file.Path, null, DiagnosticDescriptors.InvalidModelFile.Id, $"{sourceName}: {e.Message}");
        }
        catch (MicroBackboneException e)
        {
            // CSharpEmitException and the int8 spec's QuantizationException: a valid model the C# back end cannot run.
            return new ModelFile(file.Path, null, DiagnosticDescriptors.UnsupportedModel.Id, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new ModelFile(file.Path, null, DiagnosticDescriptors.InternalError.Id, $"{e.GetType().Name}: {e.Message}");
        }
    }
}
