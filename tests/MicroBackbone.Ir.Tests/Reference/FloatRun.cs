using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Ir.Tests.Reference;

/// <summary>Runs a one-input, one-output float graph and compares against hand-computed values.</summary>
internal static class FloatRun
{
    public static float[] Single(IrGraph graph, float[] input) =>
        new FloatInterpreter(graph).Run(new[] { input })[0].ToArray();

    public static void AssertClose(float[] expected, float[] actual, float tolerance = 1e-5f)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(
                Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"element {i}: expected {expected[i]}, got {actual[i]} (all: [{string.Join(", ", actual)}])");
        }
    }

    public static float[] Range(int count, float start = 1f) => Enumerable.Range(0, count).Select(i => start + i).ToArray();
}
