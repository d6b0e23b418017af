using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Onnx;

/// <summary>
/// The ops whose meaning depends on row-major element order (Reshape, the flatten inside FullyConnected). The IR
/// flattens NHWC; ONNX holds rank-4 values as NCHW, so a Transpose back to NHWC comes first unless both orders
/// agree (C = 1, or H = W = 1 as after a global pool).
/// </summary>
internal static class OnnxLayoutLowering
{
    public static void Reshape(OnnxGraphEmitter e, IrOperator op)
    {
        var input = e.Source.Tensor(op.Inputs[0]);
        var output = e.Source.Tensor(op.Outputs[0]);
        var source = InIrOrder(e, op, input);
        var name = e.Produce(output.Id);
        if (output.Shape.Count == 4 && !OnnxTensorLayout.OrdersAgree(output.Shape.ToArray()))
        {
            var nhwc = e.Temporary(name + "_nhwc");
            var shape = e.Int64Initializer(name + "_shape", output.Shape.Select(d => (long)d).ToArray());
            e.Node("Reshape", op.Name, new[] { source, shape }, nhwc);
            e.Node("Transpose", op.Name + "_to_nchw", new[] { nhwc }, name, OnnxAttribute.Ints("perm", OnnxTensorLayout.NhwcToNchw));
        }
        else
        {
            // Orders agree (or the output is not rank 4): reshape straight to the ONNX-side shape.
            var shape = e.Int64Initializer(name + "_shape", OnnxTensorLayout.OnnxShape(output.Shape.ToArray()));
            e.Node("Reshape", op.Name, new[] { source, shape }, name);
        }
    }

    public static void FullyConnected(OnnxGraphEmitter e, IrOperator op)
    {
        var x = e.Source.Tensor(op.Inputs[0]);
        string a;
        if (x.Shape.Count == 2)
        {
            a = e.Operand(x.Id);
        }
        else
        {
            var source = InIrOrder(e, op, x);
            a = e.Temporary(op.Name + "_flat");
            e.Node("Flatten", op.Name + "_flatten", new[] { source }, a, OnnxAttribute.Int("axis", 1));
        }

        // Gemm computes A x B^T + C with B = the IR's [out, in] weights as they are.
        var inputs = op.Inputs.Count > 2
            ? new[] { a, e.Operand(op.Inputs[1]), e.Operand(op.Inputs[2]) }
            : new[] { a, e.Operand(op.Inputs[1]) };
        OnnxOperatorLowering.Emit(e, op, "Gemm", inputs, OnnxAttribute.Int("transB", 1));
    }

    /// <summary>An ONNX value whose row-major order is the IR's (NHWC for rank 4).</summary>
    public static string InIrOrder(OnnxGraphEmitter e, IrOperator op, IrTensor tensor)
    {
        var value = e.Operand(tensor.Id);
        if (tensor.Shape.Count != 4 || OnnxTensorLayout.OrdersAgree(tensor.Shape.ToArray()))
        {
            return value;
        }

        var nhwc = e.Temporary(value + "_nhwc");
        e.Node("Transpose", op.Name + "_to_nhwc", new[] { value }, nhwc, OnnxAttribute.Ints("perm", OnnxTensorLayout.NchwToNhwc));
        return nhwc;
    }
}
