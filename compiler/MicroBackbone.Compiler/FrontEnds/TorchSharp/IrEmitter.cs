using MicroBackbone.Ir;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.FrontEnds.TorchSharp;

/// <summary>
/// Emits float32 IR operators from TorchSharp layers: converts PyTorch weight layouts (OIHW conv, [C, 1, kh, kw]
/// depthwise) to the IR's (OHWI, 1HWO) and names operators and constants after module paths.
/// </summary>
internal sealed class IrEmitter
{
    private readonly IrGraphBuilder _builder;
    private readonly string _arch;

    public IrEmitter(string arch, IrGraphBuilder builder)
    {
        _arch = arch;
        _builder = builder;
    }

    public IrGraphBuilder Builder => _builder;

    /// <summary>Shape of a declared tensor (NHWC for activations).</summary>
    public IReadOnlyList<int> Shape(int tensor) => _builder.Tensor(tensor).Shape;

    /// <summary>
    /// A convolution from PyTorch weights <c>[O, I / groups, kh, kw]</c>: groups = 1 -> Conv2D; groups = I = O ->
    /// DepthwiseConv2D; other groups -> a dense Conv2D with a block-diagonal weight. The IR's Conv2D has no groups, and
    /// adding one would be a change for every int8 kernel and back end; the dense form is exact (the off-diagonal
    /// weights are zero) and costs only zero MACs, which are few where grouped convs appear (1x1 squeeze-excite convs
    /// on a pooled 1x1 map).
    /// </summary>
    public int Conv(int x, Tensor weight, Tensor? bias, Conv2d layout, string path)
    {
        long[] stride = layout.stride;
        long[] dilation = layout.dilation;
        long[] padding = layout.padding ?? throw new LoweringException(
            $"{_arch}: layer '{path}' (Conv2d) uses symbolic padding; the front end needs explicit padding");
        if (layout.padding_mode != PaddingModes.Zeros)
        {
            throw new LoweringException($"{_arch}: layer '{path}' (Conv2d) pads with {layout.padding_mode}; the IR pads with zeros only");
        }
        int padH = (int)padding[0];
        int padW = (int)padding[padding.Length > 1 ? 1 : 0];
        var pad = new Padding2D(padH, padW, padH, padW);
        int strideH = (int)stride[0];
        int strideW = (int)stride[stride.Length > 1 ? 1 : 0];
        int dilationH = (int)dilation[0];
        int dilationW = (int)dilation[dilation.Length > 1 ? 1 : 0];
        long groups = layout.groups;
        long inChannels = Shape(x)[3];
        long outChannels = weight.shape[0];
        int? biasId = bias is null ? null : _builder.ConstantFloat(path + ".bias", [(int)outChannels], Values(bias));
        if (groups > 1 && groups == inChannels && groups == outChannels && weight.shape[1] == 1)
        {
            // [C, 1, kh, kw] -> 1HWO [1, kh, kw, C].
            int w = Constant(path + ".weight", weight.permute(1, 2, 3, 0));
            var attributes = new DepthwiseConv2DAttributes(strideH, strideW, pad, 1, dilationH, dilationW);
            return _builder.DepthwiseConv2D(x, w, biasId, attributes, path);
        }
        Tensor dense = groups == 1 ? weight : BlockDiagonal(weight, groups, inChannels);
        // OIHW -> OHWI.
        int weightsId = Constant(path + ".weight", dense.permute(0, 2, 3, 1));
        var conv = new Conv2DAttributes(strideH, strideW, pad, dilationH, dilationW);
        return _builder.Conv2D(x, weightsId, biasId, conv, path);
    }

    /// <summary>A Conv2d layer with its own weight and bias.</summary>
    public int Conv(int x, Conv2d conv, string path) => Conv(x, conv.weight!, conv.bias, conv, path);

    /// <summary>A Linear layer as FullyConnected (weights already [out, in]).</summary>
    public int Linear(int x, Linear linear, string path)
    {
        Tensor weight = linear.weight!;
        int w = Constant(path + ".weight", weight);
        int? b = linear.bias is null ? null : _builder.ConstantFloat(path + ".bias", [(int)weight.shape[0]], Values(linear.bias));
        return _builder.FullyConnected(x, w, b, FusedActivation.None, path);
    }

    /// <summary>An activation layer; Identity and Dropout (eval) pass through.</summary>
    public int Activation(int x, nn.Module module, string path) => module switch
    {
        ReLU => _builder.Unary(IrOpKind.Relu, x, path),
        ReLU6 => _builder.Unary(IrOpKind.Relu6, x, path),
        Hardswish => _builder.Unary(IrOpKind.HardSwish, x, path),
        Hardsigmoid => _builder.Unary(IrOpKind.HardSigmoid, x, path),
        Sigmoid => _builder.Unary(IrOpKind.Sigmoid, x, path),
        SiLU => Silu(x, path),
        Identity or Dropout => x,
        _ => throw Unsupported(path, module),
    };

    /// <summary>
    /// SiLU (swish), x * sigmoid(x), as TFLite's converters write it: LOGISTIC then MUL. In int8 the sigmoid gets
    /// LOGISTIC's fixed output quantization and the product is requantized by MUL's arithmetic.
    /// </summary>
    public int Silu(int x, string path)
    {
        int gate = _builder.Unary(IrOpKind.Sigmoid, x, path + ".sigmoid");
        return _builder.Mul(x, gate, FusedActivation.None, path);
    }

    /// <summary>The error for a layer the IR cannot express.</summary>
    public LoweringException Unsupported(string path, nn.Module module) =>
        new($"{_arch}: layer '{path}' ({module.GetType().Name}) has no IR operator");

    /// <summary>Global average pool, flatten to [1, C], fully connected classifier.</summary>
    public int PoolFlatten(int x, string path)
    {
        int pooled = _builder.Unary(IrOpKind.GlobalAveragePool, x, path);
        return _builder.Reshape(pooled, [1, Shape(x)[3]], path + ".flatten");
    }

    private int Constant(string name, Tensor value)
    {
        int[] shape = value.shape.Select(d => (int)d).ToArray();
        return _builder.ConstantFloat(name, shape, Values(value));
    }

    private static float[] Values(Tensor tensor)
    {
        using var scope = NewDisposeScope();
        return tensor.detach().cpu().to(float32).contiguous().data<float>().ToArray();
    }

    // [O, I/g, kh, kw] -> [O, I, kh, kw]: output channel o of group k reads only input channels of group k.
    private Tensor BlockDiagonal(Tensor weight, long groups, long inChannels)
    {
        long outChannels = weight.shape[0];
        long inPerGroup = weight.shape[1];
        if (inPerGroup * groups != inChannels || outChannels % groups != 0)
        {
            throw new LoweringException(
                $"{_arch}: grouped conv weight [{string.Join(", ", weight.shape)}] with {groups} groups does not fit {inChannels} input channels");
        }
        long outPerGroup = outChannels / groups;
        Tensor dense = zeros(outChannels, inChannels, weight.shape[2], weight.shape[3], dtype: weight.dtype);
        using (no_grad())
        {
            for (long g = 0; g < groups; g++)
            {
                TensorIndex rows = TensorIndex.Slice(g * outPerGroup, (g + 1) * outPerGroup);
                TensorIndex columns = TensorIndex.Slice(g * inPerGroup, (g + 1) * inPerGroup);
                dense[rows, columns] = weight.detach()[rows];
            }
        }
        return dense;
    }
}
