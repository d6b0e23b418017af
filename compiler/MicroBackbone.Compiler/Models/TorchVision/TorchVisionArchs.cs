using TorchSharp;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// The TorchVision drop-in architectures selectable with <c>--arch</c>. Every model has torchvision's (Python) module
/// tree and state-dict names, so a PyTorch torchvision state dict loads unchanged; the classifier head is built for
/// the requested class count under torchvision's head key names.
/// </summary>
public static class TorchVisionArchs
{
    private static readonly Dictionary<string, (Func<int, nn.Module<Tensor, Tensor>> Build, string[] HeadKeys)> Archs = new(StringComparer.Ordinal)
    {
        ["resnet18"] = (n => torchvision.models.resnet18(num_classes: n), ["fc.weight", "fc.bias"]),
        ["resnet50"] = (n => torchvision.models.resnet50(num_classes: n), ["fc.weight", "fc.bias"]),
        ["mobilenet_v3_small"] = (n => new MobileNetV3(large: false, numClasses: n), ["classifier.3.weight", "classifier.3.bias"]),
        ["mobilenet_v3_large"] = (n => new MobileNetV3(large: true, numClasses: n), ["classifier.3.weight", "classifier.3.bias"]),
        ["efficientnet_b0"] = (n => new EfficientNetB0(n), ["classifier.1.weight", "classifier.1.bias"]),
        ["convnext_tiny"] = (n => new ConvNeXtTiny(n), ["classifier.2.weight", "classifier.2.bias"]),
    };

    /// <summary>Supported architecture names, as torchvision spells them.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["resnet18", "resnet50", "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0", "convnext_tiny"];

    /// <summary>True when <paramref name="arch"/> is one of <see cref="Names"/>.</summary>
    public static bool IsSupported(string arch) => Archs.ContainsKey(arch);

    /// <summary>Creates <paramref name="arch"/> with a <paramref name="numClasses"/>-way classifier, randomly initialised as torchvision does.</summary>
    /// <exception cref="TorchVisionModelException">Unknown architecture or a class count below 1.</exception>
    public static nn.Module<Tensor, Tensor> Create(string arch, int numClasses)
    {
        var entry = Lookup(arch);
        if (numClasses < 1)
        {
            throw new TorchVisionModelException($"--arch {arch}: the number of classes must be at least 1, got {numClasses}");
        }

        return entry.Build(numClasses);
    }

    /// <summary>
    /// State-dict keys of the final classifier layer, whose shapes depend on the class count; pretrained loading
    /// skips them.
    /// </summary>
    public static IReadOnlyList<string> HeadKeys(string arch) => Lookup(arch).HeadKeys;

    private static (Func<int, nn.Module<Tensor, Tensor>> Build, string[] HeadKeys) Lookup(string arch)
    {
        if (Archs.TryGetValue(arch, out var entry))
        {
            return entry;
        }

        throw new TorchVisionModelException($"--arch: unknown architecture '{arch}'; expected one of: {string.Join(", ", Names)}");
    }
}
