using MicroBackbone.Compiler.BackEnds.TorchScript;
using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Tests.FrontEnds;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Quantization;
using MicroBackbone.Ir.Reference;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.BackEnds.TorchScript;

public sealed class TorchScriptExporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mbc-ts-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("edge_nano", 1)]
    [InlineData("edge_micro", 3)]
    [InlineData("mobilenet_v3_small", 3)]
    [InlineData("resnet18", 3)]
    [InlineData("efficientnet_b0", 3)]
    public void TorchSharpLoadsTheArchiveAndComputesTheSameLogits(string arch, int channels)
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create(arch, 32, channels, 10, seed: 6);
        using (model)
        {
            IrGraph graph = TorchSharpFrontEnd.Lower(model, spec);
            string path = Path.Combine(_dir, arch + ".pt");
            TorchScriptExporter.Export(graph, path);

            using var loaded = jit.load<Tensor, Tensor>(path);
            loaded.eval();
            var interpreter = new FloatInterpreter(graph);
            for (int seed = 0; seed < 2; seed++)
            {
                (Tensor nchw, float[] nhwc) = TrainedLikeModels.Input(spec, seed);
                float[] expected = (float[])interpreter.Run([nhwc])[0].Clone();
                float[] actual;
                using (no_grad())
                {
                    actual = loaded.forward(nchw).data<float>().ToArray();
                }
                Assert.Equal(expected.Length, actual.Length);
                float tolerance = 1e-5f * Math.Max(1f, expected.Max(Math.Abs));
                Assert.All(expected.Zip(actual), p => Assert.True(Math.Abs(p.First - p.Second) <= tolerance, $"{arch}: {p.First} vs {p.Second}"));
            }
        }
    }

    [Fact]
    public void TheSameGraphGivesTheSameBytes()
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed: 6);
        using (model)
        {
            IrGraph graph = TorchSharpFrontEnd.Lower(model, spec);
            Assert.Equal(TorchScriptExporter.Export(graph), TorchScriptExporter.Export(graph));
        }
    }

    [Fact]
    public void AnInt8GraphIsAClearError()
    {
        (nn.Module<Tensor, Tensor> model, ModelSpec spec) = TrainedLikeModels.Create("edge_nano", 32, 1, 10, seed: 6);
        using (model)
        {
            IrGraph graph = TorchSharpFrontEnd.Lower(model, spec);
            IrGraph int8 = Int8Quantizer.Quantize(graph, Calibrator.Calibrate(graph, [TrainedLikeModels.Input(spec, 1).Nhwc], ObserverKind.MinMax));
            var error = Assert.Throws<TorchScriptExportException>(() => TorchScriptExporter.Export(int8));
            Assert.Contains("export the float model", error.Message);
        }
    }
}
