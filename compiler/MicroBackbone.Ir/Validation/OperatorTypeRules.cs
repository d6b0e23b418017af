namespace MicroBackbone.Ir;

/// <summary>Element-type rules per operator kind (e.g. int8 conv has int8 weights and int32 bias).</summary>
internal static class OperatorTypeRules
{
    public static void Check(IrOperator op, int index, IReadOnlyList<IrTensor> inputs, IrTensor output)
    {
        var x = inputs[0];
        for (var i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].IsState && op.Kind.StateOperand() != i)
            {
                throw Fail(index, op, $"reads state tensor {inputs[i].Describe()} as operand {i}; only a stateful operator reads state, at its state operand");
            }
        }

        switch (op.Kind)
        {
            case IrOpKind.Svdf:
                SvdfTypes(op, index, inputs, output);
                return;
            case IrOpKind.Quantize:
                if (!output.DataType.IsQuantized8Bit() || x.DataType == IrDataType.Int32)
                {
                    throw Fail(index, op, $"quantizes float32/int8/uint8 into int8/uint8, got {x.DataType.ToMbirName()} -> {output.DataType.ToMbirName()}");
                }

                return;
            case IrOpKind.Dequantize:
                if (!x.DataType.IsQuantized8Bit() || output.DataType != IrDataType.Float32)
                {
                    throw Fail(index, op, $"dequantizes int8/uint8 into float32, got {x.DataType.ToMbirName()} -> {output.DataType.ToMbirName()}");
                }

                return;
        }

        if (x.DataType == IrDataType.Int32)
        {
            throw Fail(index, op, $"input {x.Describe()} is int32; activations must be int8, uint8 or float32");
        }

        if (output.DataType != x.DataType)
        {
            throw Fail(index, op, $"output {output.Describe()} must have the input's type {x.DataType.ToMbirName()}");
        }

        if ((op.Kind is IrOpKind.Reshape or IrOpKind.Shift or IrOpKind.Pad or IrOpKind.MaxPool2D
                or IrOpKind.Maximum or IrOpKind.Minimum or IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear
                || LayoutTypeRules.MovesValues(op.Kind))
            && x.DataType.IsQuantized8Bit()
            && output.Quant != x.Quant)
        {
            // These kernels move values without arithmetic; a different output scale would need a requantize.
            throw Fail(index, op, $"output {output.Describe()} must keep the input's quantization parameters");
        }

        LayoutTypeRules.Check(op, index, inputs, output);
        if (op.Kind is IrOpKind.Conv2D or IrOpKind.DepthwiseConv2D or IrOpKind.FullyConnected or IrOpKind.TransposeConv2D)
        {
            var weightType = x.DataType == IrDataType.Float32 ? IrDataType.Float32 : IrDataType.Int8;
            var biasType = x.DataType == IrDataType.Float32 ? IrDataType.Float32 : IrDataType.Int32;
            if (!inputs[1].IsConstant || inputs[1].DataType != weightType)
            {
                throw Fail(index, op, $"weights {inputs[1].Describe()} must be a constant of type {weightType.ToMbirName()}");
            }

            if (inputs.Count == 3 && (!inputs[2].IsConstant || inputs[2].DataType != biasType))
            {
                throw Fail(index, op, $"bias {inputs[2].Describe()} must be a constant of type {biasType.ToMbirName()}");
            }
        }
        else if (op.Kind is IrOpKind.Add or IrOpKind.Mul or IrOpKind.Sub or IrOpKind.Maximum or IrOpKind.Minimum or IrOpKind.Prelu
            && inputs[1].DataType != x.DataType)
        {
            throw Fail(index, op, $"inputs must share one type, got {x.DataType.ToMbirName()} and {inputs[1].DataType.ToMbirName()}");
        }

        if (op.Kind is IrOpKind.Maximum or IrOpKind.Minimum && x.DataType.IsQuantized8Bit() && inputs[1].Quant != x.Quant)
        {
            // TFLite's kernels compare the stored integers, which is the real maximum only on one scale.
            throw Fail(index, op, $"inputs {x.Describe()} and {inputs[1].Describe()} must share quantization parameters");
        }
    }

    private static void SvdfTypes(IrOperator op, int index, IReadOnlyList<IrTensor> inputs, IrTensor output)
    {
        var isFloat = inputs[0].DataType == IrDataType.Float32;
        if (!isFloat && inputs[0].DataType != IrDataType.Int8)
        {
            throw Fail(index, op, $"input {inputs[0].Describe()} must be int8 or float32");
        }

        // int8: int8 feature weights, int16 time weights and state (or int8 for both), int32 bias (TFLite Micro's int8 kernels).
        var timeType = inputs.Count > 2 && inputs[2].DataType == IrDataType.Int8 ? IrDataType.Int8 : IrDataType.Int16;
        var expected = isFloat
            ? new[] { IrDataType.Float32, IrDataType.Float32, IrDataType.Float32, IrDataType.Float32, IrDataType.Float32 }
            : new[] { IrDataType.Int8, IrDataType.Int8, timeType, timeType, IrDataType.Int32 };
        string[] roles = ["input", "feature weights", "time weights", "state", "bias"];
        for (var i = 1; i < inputs.Count; i++)
        {
            if (inputs[i].DataType != expected[i] || (i != 3 && !inputs[i].IsConstant))
            {
                throw Fail(index, op, $"{roles[i]} {inputs[i].Describe()} must be {(i == 3 ? "a state tensor" : "a constant")} of type {expected[i].ToMbirName()}");
            }
        }

        if (output.DataType != inputs[0].DataType)
        {
            throw Fail(index, op, $"output {output.Describe()} must have the input's type {inputs[0].DataType.ToMbirName()}");
        }

        if (!isFloat && (inputs[3].Quant is null || inputs[2].Quant is null || inputs[1].Quant is null || output.Quant is null))
        {
            throw Fail(index, op, "int8 SVDF needs quantization parameters on its input, weights, state and output");
        }
    }

    private static IrValidationException Fail(int index, IrOperator op, string what) => IrValidationException.ForOperator(index, op, what);
}
