using MicroBackbone.Compiler.Models.TorchVision;
using MicroBackbone.Compiler.Optimization;
using MicroBackbone.Ir;
using TorchSharp.Modules;
using static TorchSharp.torch;
using MobileNetV3 = MicroBackbone.Compiler.Models.TorchVision.MobileNetV3;

namespace MicroBackbone.Compiler.FrontEnds.TorchSharp;

/// <summary>
/// Lowers <see cref="MobileNetV3"/> (small and large): every conv -> BN -> activation unit becomes one conv (BN
/// folded) and its activation op; a block's squeeze-excitation becomes GlobalAveragePool -> Conv2D -> ReLU -> Conv2D
/// -> HardSigmoid -> Mul; a block whose output has its input's shape adds the input (torchvision's rule, stride 1 and
/// equal widths). Then GlobalAveragePool -> Reshape -> the classifier's Linear/Hardswish layers (Dropout is the
/// identity in eval mode).
/// </summary>
internal static class MobileNetV3Lowering
{
    public static int Lower(IrEmitter emit, MobileNetV3 model, int x)
    {
        Dictionary<string, nn.Module> top = Children(model);
        foreach ((string index, nn.Module layer) in top["features"].named_children())
        {
            string path = "features." + index;
            x = layer switch
            {
                Sequential unit => Unit(emit, x, unit, path),
                MobileNetV3Block block => Block(emit, x, block, path),
                _ => throw emit.Unsupported(path, layer),
            };
        }
        x = emit.PoolFlatten(x, "avgpool");
        foreach ((string index, nn.Module layer) in top["classifier"].named_children())
        {
            string path = "classifier." + index;
            x = layer is Linear linear ? emit.Linear(x, linear, path) : emit.Activation(x, layer, path);
        }
        return x;
    }

    /// <summary>
    /// An inverted-residual block: the units and squeeze-excitation of its <c>block</c> Sequential in order, plus
    /// the input when the output keeps its shape. Shared with EfficientNet's MBConv, whose stochastic depth is the
    /// identity in eval mode.
    /// </summary>
    internal static int Block(IrEmitter emit, int input, nn.Module block, string path)
    {
        int x = input;
        foreach ((string index, nn.Module layer) in Children(block)["block"].named_children())
        {
            string layerPath = $"{path}.block.{index}";
            x = layer switch
            {
                Sequential unit => Unit(emit, x, unit, layerPath),
                SqueezeExcitation se => SqueezeExcite(emit, x, se, layerPath),
                _ => throw emit.Unsupported(layerPath, layer),
            };
        }
        bool residual = emit.Shape(x).SequenceEqual(emit.Shape(input));
        return residual ? emit.Builder.Add(x, input, FusedActivation.None, path + ".add") : x;
    }

    // Conv2dNormActivation: "0" conv, optional "1" BatchNorm, optional activation after it.
    internal static int Unit(IrEmitter emit, int x, Sequential unit, string path)
    {
        var layers = unit.named_children().ToList();
        if (layers.Count == 0 || layers[0].module is not Conv2d conv)
        {
            throw new LoweringException($"layer '{path}' ({unit.GetType().Name}): expected a conv -> norm -> activation unit");
        }
        int next = 1;
        if (layers.Count > 1 && layers[1].module is BatchNorm2d bn)
        {
            (Tensor weight, Tensor bias) = BatchNormFolding.Fold(conv.weight!, conv.bias, bn);
            using (weight)
            using (bias)
            {
                x = emit.Conv(x, weight, bias, conv, $"{path}.{layers[0].name}");
            }
            next = 2;
        }
        else
        {
            x = emit.Conv(x, conv, $"{path}.{layers[0].name}");
        }
        for (int i = next; i < layers.Count; i++)
        {
            x = emit.Activation(x, layers[i].module, $"{path}.{layers[i].name}");
        }
        return x;
    }

    private static int SqueezeExcite(IrEmitter emit, int x, SqueezeExcitation se, string path)
    {
        IrGraphBuilder b = emit.Builder;
        Dictionary<string, nn.Module> parts = Children(se);
        int pooled = b.Unary(IrOpKind.GlobalAveragePool, x, path + ".avgpool");
        int squeezed = emit.Activation(emit.Conv(pooled, (Conv2d)parts["fc1"], path + ".fc1"), parts["activation"], path + ".activation");
        int gate = emit.Activation(emit.Conv(squeezed, (Conv2d)parts["fc2"], path + ".fc2"), parts["scale_activation"], path + ".scale_activation");
        return b.Mul(x, gate, FusedActivation.None, path + ".scale");
    }

    private static Dictionary<string, nn.Module> Children(nn.Module module) =>
        module.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
}
