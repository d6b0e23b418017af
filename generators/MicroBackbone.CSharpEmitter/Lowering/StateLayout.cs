using MicroBackbone.CSharpEmitter.Spec;
using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter.Lowering;

/// <summary>
/// Where each state tensor lives in the generated class's one int16 state buffer: the graph's state tensors back to
/// back in tensor order (outside the activation arena).
/// </summary>
internal static class StateLayout
{
    /// <summary>int16 values of all state tensors of <paramref name="graph"/>.</summary>
    public static int Length(IrGraph graph) => checked((int)graph.Tensors.Where(t => t.IsState).Sum(t => t.ElementCount));

    /// <summary>The slice of the state buffer holding state tensor <paramref name="tensorId"/>.</summary>
    public static ArenaRegion Region(IrGraph graph, int tensorId)
    {
        long offset = 0;
        foreach (var t in graph.Tensors.Where(t => t.IsState))
        {
            if (t.Id == tensorId)
            {
                return new ArenaRegion(checked((int)offset), checked((int)t.ElementCount));
            }

            offset += t.ElementCount;
        }

        throw new InvalidOperationException($"tensor #{tensorId} is not a state tensor");
    }
}
