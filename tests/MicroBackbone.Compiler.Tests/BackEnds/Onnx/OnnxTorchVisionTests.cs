using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Tests.FrontEnds;
using MicroBackbone.Ir;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.BackEnds.Onnx;

/// <summary>
/// The TorchVision drop-ins exported to ONNX (trained-like random weights and BatchNorm statistics): ONNX Runtime's
/// logits equal the TorchSharp model's own within 1e-4.
/// </summary>
public class OnnxTorchVisionTests
{
    [Theory]
    [InlineData("resnet18", 32)]
    [InlineData("mobilenet_v3_small", 32)]
    [InlineData("efficientnet_b0", 32)]
    public void OnnxRuntimeGivesTheTorchSharpModelsLogits(string arch, int size)
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create(arch, size, 3, 10, seed: 21);
        using (model)
        {
            IrGraph graph = TorchSharpFrontEnd.Lower(model, spec);
            byte[] onnx = OnnxExporter.Export(graph);
            for (int seed = 0; seed < 2; seed++)
            {
                (Tensor nchw, float[] nhwc) = TrainedLikeModels.Input(spec, seed);
                float[] expected;
                using (no_grad())
                {
                    expected = model.forward(nchw).data<float>().ToArray();
                }

                float[] actual = OnnxRuntimeRun.Run(onnx, graph, [nhwc])[0];
                float tolerance = 1e-4f * Math.Max(1f, expected.Max(Math.Abs));
                Assert.Equal(expected.Length, actual.Length);
                for (int i = 0; i < expected.Length; i++)
                {
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{arch} logit {i}: TorchSharp {expected[i]}, ONNX Runtime {actual[i]}");
                }
            }
        }
    }
}
