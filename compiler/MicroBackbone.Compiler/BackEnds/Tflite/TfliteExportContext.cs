using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>The operator being exported, with shorthands for its tensors and for errors that name it.</summary>
internal sealed class TfliteExportContext(IrGraph graph, TfliteModelAssembler model, IrOperator op, int index)
{
    public IrGraph Graph { get; } = graph;

    public TfliteModelAssembler Model { get; } = model;

    public IrOperator Op { get; } = op;

    public IrTensor Input(int i) => Graph.Tensor(Op.Inputs[i]);

    public IrTensor Output => Graph.Tensor(Op.Outputs[0]);

    /// <summary>The element type the kernel works on (its first input's), which selects the operator version.</summary>
    public TfliteTensorType KernelType => TfliteModelAssembler.TypeOf(Input(0).DataType);

    public bool IsInt8 => Input(0).DataType == IrDataType.Int8;

    /// <summary>Appends one operator whose inputs and output are this IR operator's (plus extra constants).</summary>
    public void Emit(TfliteBuiltinOperator builtin, int[] inputs, TfliteBuiltinOptions? options = null, bool dilated = false) =>
        Model.Operator(builtin, TfliteOpVersions.For(builtin, KernelType, dilated), inputs, new[] { Model.Tensor(Op.Outputs[0]) }, options);

    /// <summary>
    /// Checks that an int8 operator whose TFLite kernel has a fixed output quantization (LOGISTIC, SOFTMAX, the
    /// hard-sigmoid depthwise form) has exactly that quantization, as TFLite refuses the model otherwise.
    /// </summary>
    public void RequireFixedOutputQuantization(Ir.Int8.QuantizationParams expected)
    {
        if (IsInt8 && (Output.Quant is not { IsPerChannel: false } q || q.Scales[0] != expected.Scale || q.ZeroPoints[0] != expected.ZeroPoint))
        {
            throw Unsupported($"int8 {Op.Kind} output must be quantized with scale 1/{1 / expected.Scale:0} and zero point {expected.ZeroPoint} (TFLite's fixed output quantization)");
        }
    }

    public TfliteConversionException Unsupported(string why) =>
        new($"graph '{Graph.Name}': operator #{index} {Op.Kind} '{Op.Name}' cannot be exported to TFLite: {why}");

    /// <summary>The TFLite fused activation of an IR one.</summary>
    public static TfliteActivation Activation(FusedActivation activation) => activation switch
    {
        FusedActivation.None => TfliteActivation.None,
        FusedActivation.Relu => TfliteActivation.Relu,
        FusedActivation.Relu6 => TfliteActivation.Relu6,
        FusedActivation.ReluN1To1 => TfliteActivation.ReluN1To1,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "unknown fused activation"),
    };

    /// <summary>
    /// SAME or VALID when the explicit padding is exactly what TFLite would compute for one of them; null otherwise.
    /// </summary>
    public static TflitePadding? PaddingMode(Padding2D padding, int inH, int inW, int kH, int kW, int sH, int sW, int dH = 1, int dW = 1)
    {
        if (padding.IsZero)
        {
            return TflitePadding.Valid;
        }

        return padding == Padding2D.Same(inH, inW, kH, kW, sH, sW, dH, dW) ? TflitePadding.Same : null;
    }
}
