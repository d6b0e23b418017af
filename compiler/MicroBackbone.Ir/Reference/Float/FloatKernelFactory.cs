namespace MicroBackbone.Ir.Reference.Float;

/// <summary>Picks the float kernel for an operator kind.</summary>
internal static class FloatKernelFactory
{
    public static FloatKernel Create(IrGraph graph, int index, FloatTensorBuffers buffers)
    {
        var op = graph.Operators[index];
        return op.Kind switch
        {
            IrOpKind.Conv2D => new Conv2DKernel(graph, op, buffers),
            IrOpKind.DepthwiseConv2D => new DepthwiseConv2DKernel(graph, op, buffers),
            IrOpKind.FullyConnected => new FullyConnectedKernel(graph, op, buffers),
            IrOpKind.Add => new AddKernel(graph, op, buffers),
            IrOpKind.Mul => new MulKernel(graph, op, buffers),
            IrOpKind.Shift => new ShiftKernel(graph, op, buffers),
            IrOpKind.GlobalAveragePool => new GlobalAveragePoolKernel(graph, op, buffers),
            IrOpKind.AveragePool2D => new AveragePool2DKernel(graph, op, buffers),
            IrOpKind.MaxPool2D => new MaxPool2DKernel(graph, op, buffers),
            IrOpKind.Pad => new PadKernel(graph, op, buffers),
            IrOpKind.Reshape => new ReshapeKernel(graph, op, buffers),
            IrOpKind.Relu => new ReluKernel(graph, op, buffers),
            IrOpKind.Relu6 => new Relu6Kernel(graph, op, buffers),
            IrOpKind.HardSigmoid => new HardSigmoidKernel(graph, op, buffers),
            IrOpKind.HardSwish => new HardSwishKernel(graph, op, buffers),
            IrOpKind.Sigmoid => new SigmoidKernel(graph, op, buffers),
            IrOpKind.Softmax => new SoftmaxKernel(graph, op, buffers),
            IrOpKind.Transpose or IrOpKind.StridedSlice or IrOpKind.Concatenation or IrOpKind.PadV2 => new LayoutKernel(graph, op, buffers),
            IrOpKind.Sub or IrOpKind.Maximum or IrOpKind.Minimum or IrOpKind.Prelu => new BinaryKernel(graph, op, buffers),
            IrOpKind.LeakyRelu => new LeakyReluKernel(graph, op, buffers),
            IrOpKind.Tanh => new TanhKernel(graph, op, buffers),
            IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear => new ResizeKernel(graph, op, buffers),
            IrOpKind.Svdf => new SvdfKernel(graph, op, buffers),
            IrOpKind.TransposeConv2D => new TransposeConv2DKernel(graph, op, buffers),
            _ => throw new ReferenceInterpreterException(
                $"graph '{graph.Name}': operator #{index} {op.Kind} '{op.Name}' has no float kernel (the float interpreter runs float graphs without Quantize/Dequantize)"),
        };
    }
}
