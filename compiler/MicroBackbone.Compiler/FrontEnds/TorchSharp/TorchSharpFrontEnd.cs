using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Optimization;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using TorchSharp.Modules;
using static TorchSharp.torch;
using EfficientNetB0 = MicroBackbone.Compiler.Models.TorchVision.EfficientNetB0;
using MobileNetV3 = MicroBackbone.Compiler.Models.TorchVision.MobileNetV3;

namespace MicroBackbone.Compiler.FrontEnds.TorchSharp;

/// <summary>
/// Lowers a TorchSharp model to a float32 <see cref="IrGraph"/>: one NHWC input <c>[1, H, W, C]</c> named
/// <c>input</c>, one output <c>[1, classes]</c> of logits. MicroSign-Edge models are reparameterized first (BN folded,
/// branches merged); resnet18/50, mobilenet_v3 small/large and efficientnet_b0 fold their BatchNorms while lowering. Any other model,
/// or a layer without an IR operator, is a <see cref="LoweringException"/> that names it.
/// </summary>
public static class TorchSharpFrontEnd
{
    /// <summary>The architectures this front end lowers.</summary>
    public static readonly IReadOnlyList<string> SupportedTorchVisionArchs = ["resnet18", "resnet50", "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0"];

    /// <summary>Lowers <paramref name="model"/> (built for <paramref name="spec"/>) in eval mode; the model is not changed.</summary>
    /// <param name="model">A <see cref="MicroSignEdge"/>, <see cref="DeployMicroSignEdge"/> or supported TorchVision model.</param>
    /// <param name="spec">Arch, input shape and classes the model was built for.</param>
    /// <param name="classNames">Class names to record in the graph, or null.</param>
    public static IrGraph Lower(nn.Module<Tensor, Tensor> model, ModelSpec spec, IReadOnlyList<string>? classNames = null)
    {
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var builder = new IrGraphBuilder(spec.Arch);
            var emit = new IrEmitter(spec.Arch, builder);
            int x = builder.Input("input", [1, spec.Input.Height, spec.Input.Width, spec.Input.Channels]);
            int logits = model switch
            {
                MicroSignEdge edge => LowerDeploy(emit, Reparameterizer.Reparameterize(edge), x),
                DeployMicroSignEdge deploy => EdgeLowering.Lower(emit, deploy, x),
                MobileNetV3 mobileNet => MobileNetV3Lowering.Lower(emit, mobileNet, x),
                ResNet => ResNetLowering.Lower(emit, model, x),
                EfficientNetB0 efficientNet => EfficientNetLowering.Lower(emit, efficientNet, x),
                _ => throw new LoweringException(
                    $"{spec.Arch}: no IR lowering for {model.GetType().Name}; supported: the edge variants, "
                    + string.Join(", ", SupportedTorchVisionArchs)),
            };
            builder.Output(logits).Metadata("arch", spec.Arch);
            if (classNames is { Count: > 0 })
            {
                builder.ClassNames([.. classNames]);
            }
            return DeadTensorElimination.Run(builder.Build());
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    private static int LowerDeploy(IrEmitter emit, DeployMicroSignEdge deploy, int x)
    {
        using (deploy)
        {
            return EdgeLowering.Lower(emit, deploy, x);
        }
    }
}
