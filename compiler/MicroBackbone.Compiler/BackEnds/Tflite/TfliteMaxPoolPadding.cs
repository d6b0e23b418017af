using System.Buffers.Binary;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// Max pooling with padding that is neither SAME nor VALID (PyTorch's <c>MaxPool2d(3, 2, padding=1)</c> in ResNet's
/// stem), written as TFLite's converters write it: PADV2 with the lowest value of the type (float: -infinity, the
/// identity of max; int8: -128, the lowest stored value, in the input's quantization) followed by a VALID
/// MAX_POOL_2D. A padded cell can then never win a window that holds a real cell, so the result is exactly that of
/// the IR's max pool, which skips padded cells. The importer folds the pair back into one padded max pool.
/// </summary>
internal static class TfliteMaxPoolPadding
{
    /// <summary>The float padding value: -infinity.</summary>
    public const float FloatLowest = float.NegativeInfinity;

    /// <summary>Emits PADV2 of the operator's input with the lowest value and returns the padded tensor.</summary>
    public static int PadWithLowest(TfliteExportContext c, Padding2D p)
    {
        var x = c.Input(0);
        var type = TfliteModelAssembler.TypeOf(x.DataType);
        var quantization = TfliteModelAssembler.Quantization(x.Quant);
        byte[] lowest = type switch
        {
            TfliteTensorType.Float32 => BitConverter.GetBytes(FloatLowest),
            TfliteTensorType.Int8 => [unchecked((byte)sbyte.MinValue)],
            _ => throw c.Unsupported($"max pool padding of {type} tensors has no lowest value in mbc's TFLite export"),
        };
        var shape = new[] { x.Shape[0], x.Shape[1] + p.Top + p.Bottom, x.Shape[2] + p.Left + p.Right, x.Shape[3] };
        var padded = c.Model.Activation($"{c.Op.Name}/pad", type, shape, quantization);
        var paddings = c.Model.ConstantInt32($"{c.Op.Name}/paddings", new[] { 4, 2 }, new[] { 0, 0, p.Top, p.Bottom, p.Left, p.Right, 0, 0 });
        var value = c.Model.Constant($"{c.Op.Name}/pad_value", type, Array.Empty<int>(), lowest, quantization);
        c.Model.Operator(TfliteBuiltinOperator.PadV2, TfliteOpVersions.For(TfliteBuiltinOperator.PadV2, type), new[] { c.Model.Tensor(x.Id), paddings, value }, new[] { padded }, new TflitePadV2Options());
        return padded;
    }

    /// <summary>
    /// Folds a PADV2 that pads the spatial dimensions of an NHWC tensor with the lowest value (-inf, -FLT_MAX or
    /// int8 -128) into the VALID MAX_POOL_2D that alone reads it, as one padded max pool (the converter's form of a
    /// symmetric-padding max pool); returns false, adding nothing, for every other PADV2 (imported as a general pad).
    /// </summary>
    public static bool TryFoldIntoMaxPool(TfliteImportContext c)
    {
        var s = c.State;
        var valueIndex = c.Op.Inputs.Count > 2 ? c.Op.Inputs[2] : -1;
        if (valueIndex < 0 || c.InputShape(0).Count != 4)
        {
            return false;
        }

        var p = c.IntInput(1, "paddings");
        var valueTensor = s.Subgraph.Tensors[valueIndex];
        var bytes = s.Data(valueIndex);
        var inputType = s.Subgraph.Tensors[c.Op.Inputs[0]].Type;
        if (p.Length != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0 || bytes.Length == 0 || valueTensor.Type != inputType)
        {
            return false;
        }

        bool lowest = inputType switch
        {
            TfliteTensorType.Float32 when bytes.Length == 4 => FloatValue(BinaryPrimitives.ReadSingleLittleEndian(bytes)).Lowest,
            TfliteTensorType.Int8 when bytes.Length == 1 => Int8Value((sbyte)bytes[0], s.Quant(c.Op.Inputs[0])).Lowest,
            _ => false,
        };
        if (!lowest || PoolReading(c) is not { } pool)
        {
            return false;
        }

        var o = (TflitePool2DOptions)s.Subgraph.Operators[pool].Options!;
        s.Absorbed.Add(pool);
        var output = s.Subgraph.Operators[pool].Outputs[0];
        var padding = new Padding2D(p[2], p[4], p[3], p[5]);
        c.Add(IrOpKind.MaxPool2D, new[] { c.In(0) }, output, new Pool2DAttributes(o.FilterHeight, o.FilterWidth, o.StrideH, o.StrideW, padding, c.Activation(o.Activation)));
        return true;
    }

    private static (bool Lowest, bool Zero, string Shown) FloatValue(float v) =>
        (float.IsNegativeInfinity(v) || v == float.MinValue, v == 0f, v.ToString("R", System.Globalization.CultureInfo.InvariantCulture));

    private static (bool Lowest, bool Zero, string Shown) Int8Value(sbyte v, QuantParams? q) =>
        (v == sbyte.MinValue, q is { IsPerChannel: false } && q.ZeroPoints[0] == v, v.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>The index of the VALID MAX_POOL_2D that is the padded tensor's only reader, or null.</summary>
    private static int? PoolReading(TfliteImportContext c)
    {
        var s = c.State;
        var padded = c.Op.Outputs[0];
        if (s.Readers(padded) != 1)
        {
            return null;
        }

        for (var i = c.Index + 1; i < s.Subgraph.Operators.Count; i++)
        {
            var op = s.Subgraph.Operators[i];
            if (!op.Inputs.Contains(padded))
            {
                continue;
            }

            var code = op.OpcodeIndex >= 0 && op.OpcodeIndex < s.Model.OperatorCodes.Count ? s.Model.OperatorCodes[op.OpcodeIndex].BuiltinCode : (TfliteBuiltinOperator?)null;
            return code == TfliteBuiltinOperator.MaxPool2D && op.Inputs.Count == 1 && op.Outputs.Count == 1
                && op.Options is TflitePool2DOptions { Padding: TflitePadding.Valid } o && o.FilterHeight >= 1 && o.FilterWidth >= 1 && o.StrideH >= 1 && o.StrideW >= 1
                && SameQuantization(s, c.Op.Inputs[0], padded) && SameQuantization(s, padded, op.Outputs[0])
                ? i
                : null;
        }

        return null;
    }

    private static bool SameQuantization(TfliteImportState s, int a, int b) => Equals(s.Quant(a), s.Quant(b));
}
