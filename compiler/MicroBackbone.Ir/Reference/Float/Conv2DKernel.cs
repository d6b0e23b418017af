namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// Conv2D: NHWC input, OHWI weights (I = C / groups), optional bias, explicit padding (zeros), stride, dilation, groups,
/// fused activation.
/// </summary>
internal sealed class Conv2DKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly float[] _weights;
    private readonly float[]? _bias;
    private readonly Conv2DAttributes _attributes;
    private readonly int _batch, _height, _width, _channels, _outHeight, _outWidth, _outChannels, _kernelH, _kernelW, _filterDepth;

    public Conv2DKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _attributes = op.AttributesAs<Conv2DAttributes>();
        _input = buffers.Get(op.Inputs[0]);
        _weights = buffers.Get(op.Inputs[1]);
        _bias = op.Inputs.Count > 2 ? buffers.Get(op.Inputs[2]) : null;
        var x = graph.Tensor(op.Inputs[0]).Shape;
        var w = graph.Tensor(op.Inputs[1]).Shape;
        (_batch, _height, _width, _channels) = (x[0], x[1], x[2], x[3]);
        (_outChannels, _kernelH, _kernelW, _filterDepth) = (w[0], w[1], w[2], w[3]);
        (_outHeight, _outWidth) = (Output.Shape[1], Output.Shape[2]);
    }

    public override void Run()
    {
        var y = OutputValues;
        var i = 0;
        for (var n = 0; n < _batch; n++)
        {
            for (var oy = 0; oy < _outHeight; oy++)
            {
                for (var ox = 0; ox < _outWidth; ox++)
                {
                    for (var o = 0; o < _outChannels; o++)
                    {
                        // Filter o reads the input channels of its group: group g = o / (O / groups) starts at g * I.
                        var first = o / (_outChannels / _attributes.Groups) * _filterDepth;
                        var acc = _bias is null ? 0f : _bias[o];
                        for (var ky = 0; ky < _kernelH; ky++)
                        {
                            var iy = (oy * _attributes.StrideH) - _attributes.Padding.Top + (ky * _attributes.DilationH);
                            if (iy < 0 || iy >= _height)
                            {
                                continue;
                            }

                            for (var kx = 0; kx < _kernelW; kx++)
                            {
                                var ix = (ox * _attributes.StrideW) - _attributes.Padding.Left + (kx * _attributes.DilationW);
                                if (ix < 0 || ix >= _width)
                                {
                                    continue;
                                }

                                var xBase = ((((n * _height) + iy) * _width + ix) * _channels) + first;
                                var wBase = (((o * _kernelH) + ky) * _kernelW + kx) * _filterDepth;
                                for (var c = 0; c < _filterDepth; c++)
                                {
                                    acc += _input[xBase + c] * _weights[wBase + c];
                                }
                            }
                        }

                        y[i++] = FusedActivationMath.Apply(_attributes.Activation, acc);
                    }
                }
            }
        }
    }
}
