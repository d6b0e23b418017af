using MicroBackbone.Compiler.Optimization;
using MicroBackbone.Ir;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.FrontEnds.TorchSharp;

/// <summary>
/// Lowers TorchSharp's torchvision ResNet (BasicBlock and Bottleneck): stem conv+BN -> ReLU -> MaxPool2D; per block
/// the convN/bnN pairs in order with ReLU between them, the optional <c>downsample</c> conv+BN on the shortcut, Add,
/// ReLU; GlobalAveragePool -> Reshape -> FullyConnected <c>fc</c>. Every BN is folded into its conv.
/// </summary>
internal static class ResNetLowering
{
    public static int Lower(IrEmitter emit, nn.Module model, int x)
    {
        IrGraphBuilder b = emit.Builder;
        Dictionary<string, nn.Module> top = Children(model);
        x = b.Unary(IrOpKind.Relu, ConvBn(emit, x, top, "conv1", "bn1", ""), "relu");
        x = MaxPool(emit, x, Require<MaxPool2d>(emit, top, "maxpool", ""), "maxpool");
        foreach (string layer in new[] { "layer1", "layer2", "layer3", "layer4" })
        {
            foreach ((string index, nn.Module block) in Require<Sequential>(emit, top, layer, "").named_children())
            {
                x = Block(emit, x, block, $"{layer}.{index}");
            }
        }
        return emit.Linear(emit.PoolFlatten(x, "avgpool"), Require<Linear>(emit, top, "fc", ""), "fc");
    }

    private static int Block(IrEmitter emit, int input, nn.Module block, string path)
    {
        IrGraphBuilder b = emit.Builder;
        Dictionary<string, nn.Module> children = Children(block);
        int x = input;
        int convs = children.Keys.Count(k => k.StartsWith("conv", StringComparison.Ordinal));
        if (convs == 0)
        {
            throw emit.Unsupported(path, block);
        }
        for (int i = 1; i <= convs; i++)
        {
            x = ConvBn(emit, x, children, $"conv{i}", $"bn{i}", path + ".");
            if (i < convs)
            {
                x = b.Unary(IrOpKind.Relu, x, $"{path}.relu{i}");
            }
        }
        int shortcut = input;
        if (children.TryGetValue("downsample", out nn.Module? downsample))
        {
            Dictionary<string, nn.Module> parts = Children(downsample);
            shortcut = ConvBn(emit, input, parts, "0", "1", path + ".downsample.");
        }
        int sum = b.Add(x, shortcut, FusedActivation.None, path + ".add");
        return b.Unary(IrOpKind.Relu, sum, path + ".relu");
    }

    private static int ConvBn(IrEmitter emit, int x, Dictionary<string, nn.Module> children, string conv, string bn, string prefix)
    {
        Conv2d c = Require<Conv2d>(emit, children, conv, prefix);
        BatchNorm2d n = Require<BatchNorm2d>(emit, children, bn, prefix);
        (Tensor weight, Tensor bias) = BatchNormFolding.Fold(c.weight!, c.bias, n);
        using (weight)
        using (bias)
        {
            return emit.Conv(x, weight, bias, c, prefix + conv);
        }
    }

    private static int MaxPool(IrEmitter emit, int x, MaxPool2d pool, string path)
    {
        long[] kernel = pool.kernel_size;
        long[] stride = pool.stride ?? kernel;
        long[] padding = pool.padding ?? [0];
        long[] dilation = pool.dilation ?? [1];
        if (pool.ceil_mode || dilation.Any(d => d != 1))
        {
            throw new LoweringException($"layer '{path}' (MaxPool2d): ceil_mode and dilation are not supported by the IR");
        }
        int P(long[] values, int axis) => (int)values[values.Length > axis ? axis : 0];
        // PyTorch pads max pooling with -inf, i.e. padded cells never win: the IR ignores padded cells, the same.
        var attributes = new Pool2DAttributes(P(kernel, 0), P(kernel, 1), P(stride, 0), P(stride, 1),
            new Padding2D(P(padding, 0), P(padding, 1), P(padding, 0), P(padding, 1)));
        return emit.Builder.Op(IrOpKind.MaxPool2D, [x], attributes, path);
    }

    private static Dictionary<string, nn.Module> Children(nn.Module module) =>
        module.named_children().ToDictionary(c => c.name, c => c.module, StringComparer.Ordinal);

    private static T Require<T>(IrEmitter emit, Dictionary<string, nn.Module> children, string name, string prefix)
        where T : nn.Module
    {
        if (!children.TryGetValue(name, out nn.Module? module))
        {
            throw new LoweringException($"layer '{prefix}{name}' is missing: expected a {typeof(T).Name}");
        }
        return module as T ?? throw emit.Unsupported(prefix + name, module);
    }
}
