using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Compiler.Tests.BackEnds.C;

/// <summary>
/// The layout operators (Transpose, StridedSlice, Concatenation, PadV2) through the C back end: gcc (ASan + UBSan,
/// SIMD-host and scalar-core kernel forms) must reproduce the int8 reference interpreter byte for byte.
/// </summary>
public class CLayoutOperatorTests
{
    [Theory]
    [InlineData("-O1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("-O1 -DMB_SCALAR_CORE=1 -fsanitize=address,undefined -fno-sanitize-recover=all")]
    [InlineData("-Os -DMB_SCALAR_CORE=1 -DMB_SIZE_FIRST=1")]
    public void Layout_chain_matches_the_int8_reference(string flags)
    {
        var graph = LayoutTestModels.Chain();
        var dir = CToolchain.TempDir("layout");
        try
        {
            var summary = CBackEnd.Emit(graph, CTarget.C, dir);
            var source = File.ReadAllText(Path.Combine(dir, "model.c"));
            Assert.Contains("mb_strided_copy_s8(&l3_concat_channels_in2, l3_concat_channels_in2_values, mb_arena + ", source);
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {flags} -o model main.c model.c", dir);
            for (var seed = 1; seed <= 4; seed++)
            {
                var input = CTestModels.RandomInput(summary.InputBytes, seed);
                var path = Path.Combine(dir, $"input{seed}.bin");
                File.WriteAllBytes(path, input.Select(v => unchecked((byte)v)).ToArray());
                var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, "model"), path, dir);
                Assert.True(code == 0, $"model exited {code}: {stderr}");
                var actual = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take((int)summary.OutputBytes).Select(int.Parse).ToArray();
                var expected = Int8GraphEvaluator.Run(graph, input).Select(v => (int)v).ToArray();
                Assert.Equal(expected, actual);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Concatenation_of_differently_quantized_inputs_is_refused_like_tflite_micro()
    {
        var b = new IrGraphBuilder("mixed");
        var x = b.Input("x", new[] { 1, 2, 2, 3 }, IrDataType.Int8, QuantParams.PerTensor(0.05f, -7));
        var y = b.Unary(IrOpKind.Relu, x, "relu", QuantParams.PerTensor(0.1f, -128));
        var c = b.Op(IrOpKind.Concatenation, new[] { x, y }, new ConcatenationAttributes(3), "join", QuantParams.PerTensor(0.05f, -7));
        var ex = Assert.ThrowsAny<MicroBackboneException>(() => b.Output(c).Build());
        Assert.Contains("operand 1", ex.Message);
        Assert.Contains("without requantizing", ex.Message);
    }
}
