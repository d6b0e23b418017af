using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// TRANSPOSE_CONV (inputs: output_shape, weights [O, H, W, I], input, bias (optional)) → <see cref="IrOpKind.TransposeConv2D"/>
/// with operands (input, weights, bias?). The output size is the output tensor's (TFLite Micro reads the output tensor's
/// dimensions, never output_shape's values); output_shape must be a constant that agrees with it.
/// </summary>
internal static class TfliteTransposeConvImport
{
    public static void Import(TfliteImportContext c, TfliteTransposeConvOptions o)
    {
        if (c.Op.Inputs.Count is < 3 or > 4)
        {
            throw c.Fail($"has {c.Op.Inputs.Count} inputs; expected 3 or 4 (output_shape, weights, input, bias)");
        }

        var hasBias = c.Op.Inputs.Count == 4 && c.Op.Inputs[3] >= 0;
        CheckTypes(c, hasBias);
        var w = c.InputShape(1);
        var x = c.InputShape(2);
        var y = c.OutputShape();
        if (w.Count != 4 || x.Count != 4 || y.Length != 4)
        {
            throw c.Fail($"has weights [{string.Join(", ", w)}], input [{string.Join(", ", x)}] and output [{string.Join(", ", y)}]; expected rank 4 (OHWI, NHWC, NHWC)");
        }

        if (o.StrideH < 1 || o.StrideW < 1)
        {
            throw c.Fail($"option stride is {o.StrideH}x{o.StrideW}; expected each at least 1");
        }

        if (o.Padding is not (TflitePadding.Same or TflitePadding.Valid))
        {
            throw c.Fail($"option padding is {o.Padding}; expected SAME or VALID");
        }

        var shapeTensor = c.Op.Inputs[0];
        if (shapeTensor < 0 || c.State.Data(shapeTensor).Length == 0)
        {
            throw c.Fail("output_shape (input 0) is not a constant; only a constant output shape is supported");
        }

        var shape = c.IntInput(0, "output_shape");
        if (!shape.SequenceEqual(y))
        {
            throw c.Fail($"has output_shape [{string.Join(", ", shape)}] but an output tensor of shape [{string.Join(", ", y)}]; expected them equal");
        }

        var weights = c.InputTensor(1);
        if (weights.Quant is { IsPerChannel: true, Axis: not 0 } q)
        {
            throw c.Fail($"has weights quantized along dimension {q.Axis}; expected per-channel scales along the output channels (dimension 0)");
        }

        var same = o.Padding == TflitePadding.Same;
        var attributes = new TransposeConv2DAttributes(o.StrideH, o.StrideW,
            TransposeConvPadding.Before(same, y[1], w[1], o.StrideH), TransposeConvPadding.Before(same, y[2], w[2], o.StrideW),
            y[1], y[2], c.Activation(o.Activation));
        int[] operands = hasBias ? [c.In(2), c.In(1), c.In(3)] : [c.In(2), c.In(1)];
        c.Add(IrOpKind.TransposeConv2D, operands, attributes);
    }

    // Checked on the file's tensors before they become IR tensors, so a 16x8 model stops here with one line naming the
    // operator and the type (its int64 bias would otherwise stop the import at the tensor, without the operator).
    private static void CheckTypes(TfliteImportContext c, bool hasBias)
    {
        var tensors = c.State.Subgraph.Tensors;
        var input = tensors[c.Op.Inputs[2]].Type;
        if (input is not (TfliteTensorType.Int8 or TfliteTensorType.Float32))
        {
            throw c.Fail($"has input type {input.ToString().ToUpperInvariant()}; only INT8 (per-channel int8 weights, int32 bias) and FLOAT32 transposed convolutions are supported (16x8 is not)");
        }

        var weights = tensors[c.Op.Inputs[1]].Type;
        var bias = hasBias ? tensors[c.Op.Inputs[3]].Type : (TfliteTensorType?)null;
        var expectedBias = input == TfliteTensorType.Int8 ? TfliteTensorType.Int32 : TfliteTensorType.Float32;
        if (weights != input || (bias is { } b && b != expectedBias))
        {
            throw c.Fail($"has {input.ToString().ToUpperInvariant()} input, {weights.ToString().ToUpperInvariant()} weights and {(bias?.ToString().ToUpperInvariant() ?? "no")} bias; expected {input.ToString().ToUpperInvariant()} weights and a {expectedBias.ToString().ToUpperInvariant()} bias");
        }
    }
}
