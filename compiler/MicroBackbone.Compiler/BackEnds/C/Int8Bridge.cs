using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>Converts IR facts (quantization, shapes, windows, activations) into the int8 spec's Prepare inputs.</summary>
internal static class Int8Bridge
{
    /// <summary>Per-tensor int8 parameters of an activation; anything else cannot run on the int8 kernels.</summary>
    public static QuantizationParams Quant(IrTensor tensor, IrOperator op)
    {
        if (tensor.DataType != IrDataType.Int8)
        {
            throw Unsupported(op, $"tensor {tensor.Describe()} must be int8 (the C back end runs int8 graphs)");
        }

        if (tensor.Quant is not { IsPerChannel: false } q)
        {
            throw Unsupported(op, $"tensor {tensor.Describe()} needs per-tensor quantization");
        }

        return new QuantizationParams(q.Scales[0], q.ZeroPoints[0]);
    }

    /// <summary>The activation as an NHWC shape; rank-2 [N, F] becomes [N, 1, 1, F].</summary>
    public static Nhwc Shape(IrTensor tensor, IrOperator op) => tensor.Shape.Count switch
    {
        4 => new Nhwc(tensor.Shape[0], tensor.Shape[1], tensor.Shape[2], tensor.Shape[3]),
        2 => new Nhwc(tensor.Shape[0], 1, 1, tensor.Shape[1]),
        _ => throw Unsupported(op, $"tensor {tensor.Describe()} must be NHWC (rank 4) or [N, features]"),
    };

    /// <summary>The weight scales of a per-channel (or per-tensor) int8 constant whose zero points are all 0.</summary>
    public static float[] WeightScales(IrTensor weights, IrOperator op)
    {
        if (weights.DataType != IrDataType.Int8 || !weights.IsConstant || weights.Quant is not { } q)
        {
            throw Unsupported(op, $"weights {weights.Describe()} must be a quantized int8 constant");
        }

        if (q.ZeroPoints.Any(z => z != 0))
        {
            throw Unsupported(op, $"weights {weights.Describe()} must be symmetric (zero point 0)");
        }

        return q.Scales.ToArray();
    }

    /// <summary>The error for an operator the C back end cannot emit.</summary>
    public static CBackEndException Unsupported(IrOperator op, string what) =>
        new($"C back end: operator {op.Kind} '{op.Name}': {what}");
}
