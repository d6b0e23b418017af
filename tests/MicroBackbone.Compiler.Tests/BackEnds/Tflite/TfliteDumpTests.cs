using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

public class TfliteDumpTests
{
    [Fact]
    public void Dump_is_deterministic_and_names_operators_options_and_buffers()
    {
        var text = TfliteDump.ToText(TfliteTestModels.SmallInt8Classifier());

        Assert.Equal(text, TfliteDump.ToText(TfliteTestModels.SmallInt8Classifier()));
        Assert.Contains("  [1] CONV_2D version=3\n", text);
        Assert.Contains(
            "[1] CONV_2D (opcode 1) inputs=[1, 2, 3] outputs=[4] Conv2DOptions(Padding=Same, StrideW=1, StrideH=1, Activation=Relu6, DilationW=1, DilationH=1, QuantizedBiasType=Float32)",
            text);
        Assert.Contains("[2] \"conv/w\" INT8 shape=[4, 3, 3, 3] buffer=1 quant(scale=[0.01, 0.02, 0.03, 0.04] zero_point=[0, 0, 0, 0] axis=0)", text);
        Assert.Contains("  [0] empty\n", text);
        Assert.Contains("[0] \"min_runtime_version\" buffer=10", text);
        Assert.Contains("[6] RESHAPE (opcode 6) inputs=[13, 14] outputs=[15] ReshapeOptions(NewShape=[1, 5])", text);
    }
}
