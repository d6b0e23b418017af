using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Stateful;

/// <summary>
/// The int8 SVDF (docs/INT8.md §10) on hand-worked integers: x − zp = [2, −3], feature dot products −4 and 9 become
/// the newest state entries, the time weights read the two memory steps, units sum their rank filters plus bias.
/// </summary>
public class SvdfKernelTests
{
    private static readonly sbyte[] X = [3, -2];

    [Fact]
    public void Rank_1_with_bias_over_two_calls_and_a_reset()
    {
        var interpreter = new Int8Interpreter(SvdfGraphs.Int8(rank: 1, bias: [10, -5]));
        // Call 1: state [0, -4 | 0, 9]; t = [7 * -4, -3 * 9] = [-28, -27]; + bias + zp 4. The fused RELU is not applied
        // (TFLite Micro's int8 SVDF ignores it), so outputs below the zero point stay.
        Assert.Equal(new sbyte[] { -14, -28 }, interpreter.Run(X));
        // Call 2: shifted state [-4, 0 | 9, 9], newest rewritten: [-4, -4 | 9, 9]; t = [-48, -9].
        Assert.Equal(new sbyte[] { -34, -10 }, interpreter.Run(X));
        interpreter.Reset();
        Assert.Equal(new sbyte[] { -14, -28 }, interpreter.Run(X));
    }

    [Fact]
    public void Rank_2_sums_both_filters_into_one_unit()
    {
        var interpreter = new Int8Interpreter(SvdfGraphs.Int8(rank: 2, bias: [10]));
        Assert.Equal(new sbyte[] { 10 - 28 - 27 + 4 }, interpreter.Run(X));
        Assert.Equal(new sbyte[] { 10 - 48 - 9 + 4 }, interpreter.Run(X));
    }

    [Fact]
    public void Without_bias_the_units_start_at_zero()
    {
        var interpreter = new Int8Interpreter(SvdfGraphs.Int8(rank: 1, bias: null));
        Assert.Equal(new sbyte[] { -28 + 4, -27 + 4 }, interpreter.Run(X));
    }

    [Fact]
    public void Feature_projections_saturate_to_int16_in_the_state()
    {
        // s_x * s_wf / s_state = 10000: -4 and 9 scale to -40000 and 90000 and clamp.
        var p = SvdfParams.Prepare(1, 2, 2, 2, 1, new QuantizationParams(1f, 1), 1f, 10000f, 1f / 10000, 0, new QuantizationParams(1f, 4));
        var state = new short[4];
        var output = new sbyte[2];
        Svdf.Eval(p, X, [1, 2, 3, -1], [5, 7, 2, -3], [10, -5], state, new int[p.ScratchLength], output);
        Assert.Equal(new short[] { 0, short.MinValue, 0, short.MaxValue }, state);
        Assert.Equal(new sbyte[] { -128, -128 }, output);
    }

    [Fact]
    public void Multipliers_are_formed_in_float32_before_widening()
    {
        const float sx = 0.059208333f, swf = 0.0091712065f, ss = 0.004370165f, swt = 0.0037055062f, sy = 0.23618338f;
        var p = SvdfParams.Prepare(1, 96, 64, 8, 1, new QuantizationParams(sx, -128), swf, swt, ss, 0, new QuantizationParams(sy, -128));
        Assert.Equal(QuantizedMultiplier.FromDouble((double)(sx * swf / ss)), p.FeatureToState);
        Assert.Equal(QuantizedMultiplier.FromDouble((double)(ss * swt / sy)), p.StateToOutput);
    }

    [Fact]
    public void Float_kernel_applies_the_activation_and_keeps_state_until_reset()
    {
        var interpreter = new FloatInterpreter(SvdfGraphs.Float(FusedActivation.None));
        float[] x = [2, -3];
        Assert.Equal(new[] { -18f, -32f }, interpreter.Run([x])[0]);
        Assert.Equal(new[] { -38f, -14f }, interpreter.Run([x])[0]);
        interpreter.Reset();
        Assert.Equal(new[] { -18f, -32f }, interpreter.Run([x])[0]);
        Assert.Equal(new[] { 0f, 0f }, new FloatInterpreter(SvdfGraphs.Float(FusedActivation.Relu)).Run([x])[0]);
    }
}
