using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.FrontEnds;

public class TorchSharpFrontEndTests
{
    [Theory]
    [InlineData("edge_nano", 32, 1, 10)]
    [InlineData("edge_micro", 32, 3, 10)]
    [InlineData("edge_small", 32, 3, 100)]
    [InlineData("resnet18", 32, 3, 10)]
    [InlineData("mobilenet_v3_small", 32, 3, 10)]
    [InlineData("efficientnet_b0", 32, 3, 10)]
    public void LoweredGraphComputesWhatTheModelComputes(string arch, int size, int channels, int classes)
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create(arch, size, channels, classes, seed: 5);
        using (model)
        {
            IrGraph graph = TorchSharpFrontEnd.Lower(model, spec);
            var interpreter = new FloatInterpreter(graph);

            Assert.Equal([1, size, size, channels], graph.Tensor(graph.Inputs[0]).Shape.ToArray());
            Assert.Equal([1, classes], graph.Tensor(graph.Outputs[0]).Shape.ToArray());
            for (int seed = 0; seed < 2; seed++)
            {
                (Tensor nchw, float[] nhwc) = TrainedLikeModels.Input(spec, seed);
                float[] expected;
                using (no_grad())
                {
                    expected = model.forward(nchw).data<float>().ToArray();
                }
                float[] actual = interpreter.Run([nhwc])[0];
                float tolerance = 1e-4f * Math.Max(1f, expected.Max(Math.Abs));
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{arch} logit {i}: {expected[i]} vs {actual[i]}");
                }
            }
        }
    }

    [Fact]
    public void EdgeBlocksLowerToShiftDepthwiseAndSqueezeExcite()
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed: 1);
        using (model)
        {
            IrGraph graph = TorchSharpFrontEnd.Lower(model, spec, ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"]);
            var kinds = graph.Operators.Select(o => o.Kind).ToList();

            Assert.Contains(IrOpKind.Shift, kinds);
            Assert.Contains(IrOpKind.DepthwiseConv2D, kinds);
            Assert.Contains(IrOpKind.HardSigmoid, kinds);
            Assert.Equal(kinds.Count(k => k == IrOpKind.Shift), kinds.Count(k => k == IrOpKind.DepthwiseConv2D));
            Assert.DoesNotContain(graph.Tensors, t => t.Name.Contains("bn", StringComparison.OrdinalIgnoreCase));
            Assert.Equal("j", graph.ClassNames[9]);
            Assert.Equal("edge_nano", graph.Metadata["arch"]);
        }
    }

    [Fact]
    public void ArchWithoutLoweringIsAClearError()
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create("convnext_tiny", 32, 3, 10, seed: 1);
        using (model)
        {
            var error = Assert.Throws<LoweringException>(() => TorchSharpFrontEnd.Lower(model, spec));
            Assert.Contains("convnext_tiny", error.Message);
            Assert.Contains("resnet18", error.Message);
        }
    }
}
