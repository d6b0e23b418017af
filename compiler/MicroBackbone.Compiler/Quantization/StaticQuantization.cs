using MicroBackbone.Compiler.Compilation;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Quantization;

namespace MicroBackbone.Compiler.Quantization;

/// <summary>
/// Post-training static int8 quantization of a lowered model: calibrate activation ranges on images, then quantize
/// the IR with them (the int8 spec in docs/INT8.md). The ranges are what a quantized checkpoint stores.
/// </summary>
public static class StaticQuantization
{
    /// <summary>Observes <paramref name="samples"/> (NHWC floats) on the float graph and records the ranges.</summary>
    public static QuantizationRecord Calibrate(IrGraph floatGraph, IReadOnlyList<float[]> samples, ObserverKind observer)
    {
        ActivationRanges ranges = Calibrator.Calibrate(floatGraph, samples, observer);
        return new QuantizationRecord(QuantizationType.Static, ObserverName(observer), samples.Count, ranges.ToJson());
    }

    /// <summary>The int8 graph of <paramref name="floatGraph"/> under the ranges of <paramref name="record"/>.</summary>
    public static IrGraph Apply(IrGraph floatGraph, QuantizationRecord record, string source)
    {
        if (record.Type != QuantizationType.Static || record.RangesJson == null)
        {
            throw new QuantizationException(
                $"{source}: holds a dynamic quantization, which has no static int8 form; quantize it with --quantization-type static, or compile the float checkpoint with calibration data");
        }
        return Int8Quantizer.Quantize(floatGraph, ActivationRanges.Parse(record.RangesJson, source + " (metadata 'quantization.ranges')"));
    }

    /// <summary>
    /// The int8 graph of <paramref name="model"/>: as loaded when it is already int8, from its stored ranges when it is
    /// a quantized checkpoint, otherwise calibrated on <paramref name="samples"/> (called only then).
    /// </summary>
    public static IrGraph ToInt8(LoadedModel model, Func<IReadOnlyList<float[]>> samples, ObserverKind observer = ObserverKind.MinMax)
    {
        if (model.IsInt8)
        {
            return model.Graph;
        }
        QuantizationRecord record = model.Quantization ?? Calibrate(model.Graph, samples(), observer);
        return Apply(model.Graph, record, model.Source);
    }

    /// <summary>The name a record stores for <paramref name="observer"/>.</summary>
    public static string ObserverName(ObserverKind observer) => observer.ToString().ToLowerInvariant();
}
