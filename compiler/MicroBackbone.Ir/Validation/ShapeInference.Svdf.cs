namespace MicroBackbone.Ir;

/// <summary>The shape rule of <see cref="IrOpKind.Svdf"/> (TFLite Micro's PrepareSvdf checks).</summary>
public static partial class ShapeInference
{
    private static EquatableArray<int> Svdf(Context c)
    {
        c.Operands(4, 5);
        var a = c.Attributes<SvdfAttributes>();
        var x = c.Rank(0, 2, "[batch, input] input");
        var feature = c.Rank(1, 2, "[filters, input] feature weights");
        var time = c.Rank(2, 2, "[filters, memory] time weights");
        var state = c.Rank(3, 2, "[batch, filters * memory] state");
        if (a.Rank < 1 || feature[0] % a.Rank != 0)
        {
            throw c.Fail($"rank {a.Rank} must be >= 1 and divide the {feature[0]} filters");
        }

        if (feature[1] != x[1])
        {
            throw c.Fail($"feature weights {c.Inputs[1].Describe()} must be [filters, {x[1]}]");
        }

        if (time[0] != feature[0])
        {
            throw c.Fail($"time weights {c.Inputs[2].Describe()} must be [{feature[0]}, memory]");
        }

        if (state[0] != x[0] || (long)state[1] != (long)feature[0] * time[1])
        {
            throw c.Fail($"state {c.Inputs[3].Describe()} must be [{x[0]}, {(long)feature[0] * time[1]}] (batch, filters x memory)");
        }

        if (!c.Inputs[3].IsState)
        {
            throw c.Fail($"operand 3 {c.Inputs[3].Describe()} must be a state tensor");
        }

        var units = feature[0] / a.Rank;
        if (c.Inputs.Count == 5 && (c.Inputs[4].Shape.Count != 1 || c.Inputs[4].Shape[0] != units))
        {
            throw c.Fail($"bias {c.Inputs[4].Describe()} must be [{units}] (one per unit)");
        }

        return EquatableArray.Of(x[0], units);
    }
}
