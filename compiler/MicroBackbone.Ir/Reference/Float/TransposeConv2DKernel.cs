namespace MicroBackbone.Ir.Reference.Float;

/// <summary>
/// TransposeConv2D: NHWC input, OHWI weights, optional bias, stride, top/left cut, fused activation. Each input
/// pixel scatters its weighted filter onto the output like TFLite's reference_ops::TransposeConv; bias and the
/// activation follow.
/// </summary>
internal sealed class TransposeConv2DKernel : FloatKernel
{
    private readonly float[] _input;
    private readonly float[] _weights;
    private readonly float[]? _bias;
    private readonly TransposeConv2DAttributes _attributes;
    private readonly int _batch, _height, _width, _channels, _outHeight, _outWidth, _outChannels, _kernelH, _kernelW;

    public TransposeConv2DKernel(IrGraph graph, IrOperator op, FloatTensorBuffers buffers)
        : base(graph, op, buffers)
    {
        _attributes = op.AttributesAs<TransposeConv2DAttributes>();
        _input = buffers.Get(op.Inputs[0]);
        _weights = buffers.Get(op.Inputs[1]);
        _bias = op.Inputs.Count > 2 ? buffers.Get(op.Inputs[2]) : null;
        var x = graph.Tensor(op.Inputs[0]).Shape;
        var w = graph.Tensor(op.Inputs[1]).Shape;
        (_batch, _height, _width, _channels) = (x[0], x[1], x[2], x[3]);
        (_outChannels, _kernelH, _kernelW) = (w[0], w[1], w[2]);
        (_outHeight, _outWidth) = (Output.Shape[1], Output.Shape[2]);
    }

    public override void Run()
    {
        var y = OutputValues;
        Array.Clear(y, 0, y.Length);
        for (var n = 0; n < _batch; n++)
        {
            for (var iy = 0; iy < _height; iy++)
            {
                for (var ix = 0; ix < _width; ix++)
                {
                    for (var ky = 0; ky < _kernelH; ky++)
                    {
                        var oy = (iy * _attributes.StrideH) - _attributes.PadTop + ky;
                        if (oy < 0 || oy >= _outHeight)
                        {
                            continue;
                        }

                        for (var kx = 0; kx < _kernelW; kx++)
                        {
                            var ox = (ix * _attributes.StrideW) - _attributes.PadLeft + kx;
                            if (ox < 0 || ox >= _outWidth)
                            {
                                continue;
                            }

                            var xBase = (((n * _height) + iy) * _width + ix) * _channels;
                            var yBase = (((n * _outHeight) + oy) * _outWidth + ox) * _outChannels;
                            for (var o = 0; o < _outChannels; o++)
                            {
                                var wBase = (((o * _kernelH) + ky) * _kernelW + kx) * _channels;
                                var sum = 0f;
                                for (var c = 0; c < _channels; c++)
                                {
                                    sum += _input[xBase + c] * _weights[wBase + c];
                                }

                                y[yBase + o] += sum;
                            }
                        }
                    }
                }
            }
        }

        for (var i = 0; i < y.Length; i++)
        {
            var acc = _bias is null ? y[i] : y[i] + _bias[i % _outChannels];
            y[i] = FusedActivationMath.Apply(_attributes.Activation, acc);
        }
    }
}
