using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Quantization;
using MicroBackbone.Compiler.Training;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Quantization;
using MicroBackbone.Ir.Reference;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>
/// Accuracy of a quantized checkpoint as it will run: static quantization through the int8 reference interpreter
/// (the oracle every back end matches bit for bit), dynamic through the dynamic int8 interpreter.
/// </summary>
public static class QuantizedEvaluation
{
    /// <summary>
    /// Evaluates <paramref name="model"/> quantized as <paramref name="record"/> says on <paramref name="images"/>;
    /// <paramref name="progress"/> hears the number of images done after each one.
    /// </summary>
    public static EvaluationResult Evaluate(
        nn.Module<Tensor, Tensor> model, ModelSpec spec, QuantizationRecord record, NhwcImages images, string source, Action<int>? progress = null)
    {
        IrGraph floatGraph = TorchSharpFrontEnd.Lower(model, spec);
        Func<float[], float[]> logits;
        if (record.Type == QuantizationType.Static)
        {
            var interpreter = new Int8Interpreter(StaticQuantization.Apply(floatGraph, record, source));
            logits = x => interpreter.RunFloat(x);
        }
        else
        {
            var interpreter = new DynamicInt8Interpreter(floatGraph);
            logits = x => interpreter.Run(x);
        }
        return IrEvaluator.Evaluate(logits, images, spec.NumClasses, progress);
    }
}
