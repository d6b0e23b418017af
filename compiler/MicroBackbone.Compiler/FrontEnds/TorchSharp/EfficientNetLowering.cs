using MicroBackbone.Compiler.Models.TorchVision;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.FrontEnds.TorchSharp;

/// <summary>
/// Lowers <see cref="EfficientNetB0"/>: the stem and head conv -> BN -> SiLU units become a conv (BN folded) and
/// SiLU as Sigmoid x input; each MBConv block is its expand and depthwise units, the squeeze-excitation
/// (GlobalAveragePool -> Conv2D -> SiLU -> Conv2D -> Sigmoid -> Mul) and the project unit, plus the input when the
/// block keeps its shape (stochastic depth is the identity in eval mode). Then GlobalAveragePool -> Reshape ->
/// the classifier's Linear (Dropout passes through).
/// </summary>
internal static class EfficientNetLowering
{
    public static int Lower(IrEmitter emit, EfficientNetB0 model, int x)
    {
        Dictionary<string, nn.Module> top = model.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);
        foreach ((string index, nn.Module layer) in top["features"].named_children())
        {
            string path = "features." + index;
            if (layer is not Sequential sequential)
            {
                throw emit.Unsupported(path, layer);
            }

            // A stage is a Sequential of MBConv blocks; the stem and the head are conv -> norm -> activation units.
            var children = sequential.named_children().ToList();
            if (children.Count > 0 && children[0].module is Conv2d)
            {
                x = MobileNetV3Lowering.Unit(emit, x, sequential, path);
                continue;
            }

            foreach ((string blockIndex, nn.Module block) in children)
            {
                x = block is MBConvBlock
                    ? MobileNetV3Lowering.Block(emit, x, block, $"{path}.{blockIndex}")
                    : throw emit.Unsupported($"{path}.{blockIndex}", block);
            }
        }

        x = emit.PoolFlatten(x, "avgpool");
        foreach ((string index, nn.Module layer) in top["classifier"].named_children())
        {
            string path = "classifier." + index;
            x = layer is Linear linear ? emit.Linear(x, linear, path) : emit.Activation(x, layer, path);
        }

        return x;
    }
}
