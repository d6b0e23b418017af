using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MicroBackbone.Compiler.Models;

/// <summary>
/// A k x k convolution without bias (the BatchNorm supplies the shift), its BatchNorm and optionally a ReLU.
/// State-dict names: <c>conv.weight</c>, <c>bn.weight</c>, <c>bn.bias</c>, <c>bn.running_mean</c>, ...
/// </summary>
public sealed class ConvBn : nn.Module<Tensor, Tensor>
{
    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;

    /// <summary>Creates a conv with padding <c>kernel / 2</c> followed by BatchNorm and, if <paramref name="relu"/>, ReLU.</summary>
    public ConvBn(int inChannels, int outChannels, int kernel, int stride, bool relu)
        : base(nameof(ConvBn))
    {
        conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: kernel / 2, bias: false);
        bn = nn.BatchNorm2d(outChannels);
        HasRelu = relu;
        RegisterComponents();
    }

    /// <summary>The convolution (registered as <c>conv</c>).</summary>
    public Conv2d Conv => conv;

    /// <summary>The BatchNorm (registered as <c>bn</c>).</summary>
    public BatchNorm2d Bn => bn;

    /// <summary>Whether a ReLU follows the BatchNorm.</summary>
    public bool HasRelu { get; }

    /// <summary>conv, BatchNorm, then ReLU if configured.</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor y = Bn.forward(Conv.forward(input));
        return HasRelu ? nn.functional.relu(y) : y;
    }
}
