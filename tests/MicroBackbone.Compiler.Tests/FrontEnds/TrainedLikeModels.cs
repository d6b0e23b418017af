using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.FrontEnds;

/// <summary>
/// Models as they look after training: random weights and BatchNorm statistics and affine parameters far from their
/// initial 0/1, so that folding mistakes show up in outputs.
/// </summary>
internal static class TrainedLikeModels
{
    public static (nn.Module<Tensor, Tensor> Model, ModelSpec Spec) Create(string arch, int inputSize, int channels, int classes, int seed)
    {
        ModelSpec spec = ArchCatalog.Resolve(ModelConfigText.Load(null), arch, inputSize, channels, classes);
        Trainer.Seed(seed);
        nn.Module<Tensor, Tensor> model = ArchCatalog.Create(spec);
        using (no_grad())
        {
            foreach ((string _, nn.Module module) in model.named_modules())
            {
                if (module is BatchNorm2d bn)
                {
                    long c = bn.running_mean!.shape[0];
                    bn.running_mean.copy_(randn(c) * 0.3);
                    bn.running_var!.copy_(rand(c) + 0.5);
                    bn.weight!.copy_(rand(c) + 0.5);
                    bn.bias!.copy_(randn(c) * 0.2);
                }
            }
        }
        model.eval();
        return (model, spec);
    }

    /// <summary>A seeded NCHW batch of one image and the same image as NHWC floats.</summary>
    public static (Tensor Nchw, float[] Nhwc) Input(ModelSpec spec, int seed)
    {
        manual_seed(seed);
        Tensor x = randn(1, spec.Input.Channels, spec.Input.Height, spec.Input.Width);
        float[] nhwc = x.permute(0, 2, 3, 1).contiguous().data<float>().ToArray();
        return (x, nhwc);
    }
}
