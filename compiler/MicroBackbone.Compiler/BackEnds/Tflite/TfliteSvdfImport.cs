using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// SVDF (inputs: input, weights_feature, weights_time, bias (optional, -1), activation_state (a variable tensor)) →
/// <see cref="IrOpKind.Svdf"/> with operands (input, weights_feature, weights_time, state, bias?).
/// </summary>
internal static class TfliteSvdfImport
{
    public static void Import(TfliteImportContext c, int rank, FusedActivation activation)
    {
        if (c.Op.Inputs.Count != 5)
        {
            throw c.Fail($"has {c.Op.Inputs.Count} inputs; expected 5 (input, weights_feature, weights_time, bias, activation_state)");
        }

        var state = c.InputTensor(4);
        if (!state.IsState)
        {
            throw c.Fail($"activation_state (input 4) {state.Describe()} is not a variable tensor");
        }

        var hasBias = c.Op.Inputs[3] >= 0;
        int[] inputs = hasBias ? [c.In(0), c.In(1), c.In(2), c.In(4), c.In(3)] : [c.In(0), c.In(1), c.In(2), c.In(4)];
        var x = c.InputTensor(0);
        if (x.DataType == IrDataType.Int8)
        {
            CheckInt8(c, hasBias);
        }

        c.Add(IrOpKind.Svdf, inputs, new SvdfAttributes(rank, activation));
    }

    // TFLite Micro's int8 kernel takes the bias scale to be s_state * s_time (it checks them within 1e-5), and its
    // time weights and state are both int16 or both int8.
    private static void CheckInt8(TfliteImportContext c, bool hasBias)
    {
        var time = c.InputTensor(2);
        var state = c.InputTensor(4);
        if (!((time.DataType == IrDataType.Int16 && state.DataType == IrDataType.Int16) || (time.DataType == IrDataType.Int8 && state.DataType == IrDataType.Int8)))
        {
            throw c.Fail($"has weights_time {time.Describe()} and activation_state {state.Describe()}; the int8 SVDF takes int16 or int8 for both");
        }

        if (hasBias && c.InputTensor(3).Quant is { } b && time.Quant is { } t && state.Quant is { } s
            && Math.Abs((double)b.Scales[0] - (double)(s.Scales[0] * t.Scales[0])) >= 1e-5)
        {
            throw c.Fail($"has bias scale {b.Scales[0]:R}; expected activation_state scale x weights_time scale = {s.Scales[0] * t.Scales[0]:R}");
        }
    }
}
