using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Generators.Tests.Support;

/// <summary>
/// The int8 reference interpreter (the spec's kernels, one buffer per tensor, no arena and no runtime): the
/// independent result the generated class must reproduce bit for bit.
/// </summary>
internal static class Int8ReferenceRunner
{
    public static sbyte[] Run(IrGraph g, sbyte[] input) => new Int8Interpreter(g).Run(input);
}
