using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Optimization;
using MicroBackbone.Compiler.Training;
using MicroBackbone.Ir;
using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Benchmarks;

/// <summary>
/// The float side of one benchmarked model: its reparameterized (deploy) TorchSharp module and the ONNX bytes
/// <c>mbc compile --target onnx</c> would write for it (same lowering, same exporter).
/// </summary>
internal sealed class FloatModel : IDisposable
{
    /// <summary>The shipped float checkpoint the int8 edge_nano was quantized from.</summary>
    public const string EdgeNanoCheckpoint = "samples/models/edge_nano_fashion_mnist.pth";

    private FloatModel(DeployMicroSignEdge deploy, byte[] onnx)
    {
        Deploy = deploy;
        Onnx = onnx;
    }

    /// <summary>The deploy form in eval mode; takes NCHW input.</summary>
    public DeployMicroSignEdge Deploy { get; }

    /// <summary>The ONNX model (NCHW float input).</summary>
    public byte[] Onnx { get; }

    /// <summary>
    /// edge_nano: the shipped float checkpoint. edge_micro and edge_small: a seeded random initialisation at 1x32x32 and
    /// 10 classes; same architecture as their int8 .mbir, other weights, which latency does not depend on.
    /// </summary>
    public static FloatModel Create(string arch)
    {
        ModelSpec spec = ArchCatalog.Resolve(ModelConfigText.Load(null), arch, inputSize: 32, inputChannels: 1, numClasses: 10);
        nn.Module<Tensor, Tensor> model;
        if (arch == "edge_nano")
        {
            (model, spec, _) = ArchCatalog.Load(RepositoryFiles.Path(EdgeNanoCheckpoint), spec);
        }
        else
        {
            Trainer.Seed(1);
            model = ArchCatalog.Create(spec);
        }
        using (model)
        {
            IrGraph graph = TorchSharpFrontEnd.Lower(model, spec);
            byte[] onnx = OnnxExporter.Export(graph);
            DeployMicroSignEdge deploy = Reparameterizer.Reparameterize((MicroSignEdge)model);
            deploy.eval();
            return new FloatModel(deploy, onnx);
        }
    }

    /// <inheritdoc />
    public void Dispose() => Deploy.Dispose();
}
