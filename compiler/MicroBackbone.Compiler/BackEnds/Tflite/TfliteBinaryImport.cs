using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// Two-operand TFLite operators whose operands broadcast NumPy-style (SUB, MAXIMUM, MINIMUM, PRELU): an operand of
/// lower rank than the output gets leading 1s, a constant by a reshaped copy, an activation by a Reshape, because
/// the IR broadcasts only size-1 dimensions of equal ranks.
/// </summary>
internal static class TfliteBinaryImport
{
    public static void Import(TfliteImportContext c, IrOpKind kind, IrAttributes? attributes = null)
    {
        var rank = c.OutputShape().Length;
        if (rank > 4)
        {
            throw c.Fail($"has an output of rank {rank}; at most 4 is supported");
        }

        c.Add(kind, new[] { Raise(c, 0, rank), Raise(c, 1, rank) }, attributes);
    }

    private static int Raise(TfliteImportContext c, int input, int rank)
    {
        var id = c.In(input);
        var t = c.State.Tensors[id];
        if (t.Shape.Count == rank)
        {
            return id;
        }

        if (t.Shape.Count > rank)
        {
            throw c.Fail($"input {input} has rank {t.Shape.Count}, above the output's {rank}");
        }

        var shape = Enumerable.Repeat(1, rank - t.Shape.Count).Concat(t.Shape).ToArray();
        var name = $"{t.Name}/rank{rank}";
        if (t.IsConstant)
        {
            c.State.Tensors.Add(t with { Id = c.State.Tensors.Count, Name = name, Shape = new EquatableArray<int>(shape) });
            return c.State.Tensors.Count - 1;
        }

        var raised = c.State.NewActivation(name, shape, t.DataType, t.Quant);
        c.State.Operators.Add(new IrOperator(IrOpKind.Reshape, name, EquatableArray.Of(id), EquatableArray.Of(raised), new ReshapeAttributes(new EquatableArray<int>(shape))));
        return raised;
    }
}
