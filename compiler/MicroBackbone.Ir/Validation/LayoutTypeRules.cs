namespace MicroBackbone.Ir;

/// <summary>
/// Element-type rules of the layout operators (Transpose, StridedSlice, Concatenation, PadV2): they move stored
/// values without arithmetic, so every operand keeps the output's type and quantization (TFLite Micro requires the
/// same of CONCATENATION and of PADV2's value).
/// </summary>
internal static class LayoutTypeRules
{
    /// <summary>True for the layout operators this file covers.</summary>
    public static bool MovesValues(IrOpKind kind) =>
        kind is IrOpKind.Transpose or IrOpKind.StridedSlice or IrOpKind.Concatenation or IrOpKind.PadV2;

    /// <summary>Checks the operands past the first (concatenated inputs, the pad value); nothing for other kinds.</summary>
    public static void Check(IrOperator op, int index, IReadOnlyList<IrTensor> inputs, IrTensor output)
    {
        if (op.Kind is not (IrOpKind.Concatenation or IrOpKind.PadV2))
        {
            return;
        }

        for (var i = 1; i < inputs.Count; i++)
        {
            var t = inputs[i];
            if (t.DataType != output.DataType || (t.DataType.IsQuantized8Bit() && t.Quant != output.Quant))
            {
                throw IrValidationException.ForOperator(index, op,
                    $"operand {i} {t.Describe()} must have the output's type and quantization ({output.Describe()}); {op.Kind} copies stored values without requantizing");
            }
        }
    }
}
