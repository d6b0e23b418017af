using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// <see cref="IrOpKind.TransposeConv2D"/> → TRANSPOSE_CONV (output_shape constant, weights, input, bias when the IR
/// has one). The IR's top/left cuts must be what SAME or VALID give for the output size (TFLite has no explicit
/// padding for this operator).
/// </summary>
internal static class TfliteTransposeConvExport
{
    public static void Export(TfliteExportContext c)
    {
        var a = c.Op.AttributesAs<TransposeConv2DAttributes>();
        var w = c.Input(1);
        var (kh, kw) = (w.Shape[1], w.Shape[2]);
        bool Matches(bool same) =>
            TransposeConvPadding.Before(same, a.OutputHeight, kh, a.StrideH) == a.PadTop
            && TransposeConvPadding.Before(same, a.OutputWidth, kw, a.StrideW) == a.PadLeft;
        var mode = Matches(same: true) ? TflitePadding.Same
            : Matches(same: false) ? TflitePadding.Valid
            : throw c.Unsupported($"cuts (top {a.PadTop}, left {a.PadLeft}) are neither SAME's nor VALID's for a {kh}x{kw} filter, stride {a.StrideH}x{a.StrideW} and output {a.OutputHeight}x{a.OutputWidth}");
        if (c.IsInt8 && w.Quant is { IsPerChannel: true, Axis: not 0 } q)
        {
            throw c.Unsupported($"weights {w.Describe()} are quantized per channel along axis {q.Axis}; TFLite needs axis 0");
        }

        var shape = c.Output.Shape.ToArray();
        var inputs = new List<int>
        {
            c.Model.ConstantInt32($"{c.Op.Name}/output_shape", new[] { shape.Length }, shape),
            c.Model.Tensor(w.Id),
            c.Model.Tensor(c.Op.Inputs[0]),
        };
        if (c.Op.Inputs.Count > 2)
        {
            var bias = c.Input(2);
            var biasQuant = c.IsInt8 && bias.Quant is null && c.Input(0).Quant is { } xq && w.Quant is { } wq
                ? TfliteConvolutionLowering.BiasQuantization(xq, wq)
                : null;
            inputs.Add(c.Model.Tensor(bias.Id, biasQuant));
        }

        // TensorFlow's op_version rules: 4 with a fused activation, 3 with a bias, 2 for int8, 1 for float.
        var version = a.Activation != FusedActivation.None ? 4 : inputs.Count == 4 ? 3 : c.IsInt8 ? 2 : 1;
        c.Model.Operator(TfliteBuiltinOperator.TransposeConv, version, inputs.ToArray(), new[] { c.Model.Tensor(c.Op.Outputs[0]) },
            new TfliteTransposeConvOptions(mode, a.StrideW, a.StrideH, TfliteExportContext.Activation(a.Activation)));
    }
}
