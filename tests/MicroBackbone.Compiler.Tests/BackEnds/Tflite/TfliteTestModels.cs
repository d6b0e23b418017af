using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>Small hand-built TFLite models for the schema tests.</summary>
internal static class TfliteTestModels
{
    /// <summary>
    /// float input -> QUANTIZE -> CONV_2D (per-channel) -> DEPTHWISE_CONV_2D -> ADD (residual) -> MEAN -> FULLY_CONNECTED
    /// -> RESHAPE -> SOFTMAX -> DEQUANTIZE; one buffer is shared by two tensors.
    /// </summary>
    public static TfliteModel SmallInt8Classifier()
    {
        var random = new Random(1234);
        TfliteBuffer Bytes(int count)
        {
            var data = new byte[count];
            random.NextBytes(data);
            return new TfliteBuffer(data);
        }

        static TfliteBuffer Int32s(params int[] values)
        {
            var data = new byte[values.Length * 4];
            Buffer.BlockCopy(values, 0, data, 0, data.Length);
            return new TfliteBuffer(data);
        }

        var act = TfliteQuantization.PerTensor(0.05f, -3);
        TfliteBuffer[] buffers =
        [
            TfliteBuffer.Empty,          // 0: sentinel
            Bytes(4 * 3 * 3 * 3),        // 1: conv weights OHWI
            Int32s(10, -20, 30, -40),    // 2: conv bias
            Bytes(1 * 3 * 3 * 4),        // 3: depthwise weights 1HWO
            Int32s(1, 2, 3, 4),          // 4: depthwise bias
            Int32s(1, 2),                // 5: mean axes (shared with tensor 17)
            Bytes(5 * 4),                // 6: fc weights
            Int32s(5, 6, 7, 8, 9),       // 7: fc bias
            Int32s(1, 5),                // 8: reshape shape
            TfliteBuffer.Empty,          // 9: an empty buffer besides the sentinel
        ];

        TfliteTensor[] tensors =
        [
            new("input", TfliteTensorType.Float32, [1, 8, 8, 3], ShapeSignature: [-1, 8, 8, 3]),
            new("input_q", TfliteTensorType.Int8, [1, 8, 8, 3], Quantization: TfliteQuantization.PerTensor(0.0078125f, 0)),
            new("conv/w", TfliteTensorType.Int8, [4, 3, 3, 3], 1, TfliteQuantization.PerAxis([0.01f, 0.02f, 0.03f, 0.04f], [0, 0, 0, 0], 0)),
            new("conv/b", TfliteTensorType.Int32, [4], 2, TfliteQuantization.PerAxis([7.8e-5f, 1.5e-4f, 2.3e-4f, 3.1e-4f], [0, 0, 0, 0], 0)),
            new("conv", TfliteTensorType.Int8, [1, 8, 8, 4], Quantization: act),
            new("dw/w", TfliteTensorType.Int8, [1, 3, 3, 4], 3, TfliteQuantization.PerAxis([0.1f, 0.2f, 0.3f, 0.4f], [0, 0, 0, 0], 3)),
            new("dw/b", TfliteTensorType.Int32, [4], 4, TfliteQuantization.PerAxis([5e-3f, 1e-2f, 1.5e-2f, 2e-2f], [0, 0, 0, 0], 0)),
            new("dw", TfliteTensorType.Int8, [1, 8, 8, 4], Quantization: act),
            new("add", TfliteTensorType.Int8, [1, 8, 8, 4], Quantization: TfliteQuantization.PerTensor(0.1f, 5)),
            new("mean/axes", TfliteTensorType.Int32, [2], 5),
            new("mean", TfliteTensorType.Int8, [1, 4], Quantization: TfliteQuantization.PerTensor(0.1f, 5)),
            new("fc/w", TfliteTensorType.Int8, [5, 4], 6, TfliteQuantization.PerTensor(0.02f, 0)),
            new("fc/b", TfliteTensorType.Int32, [5], 7, TfliteQuantization.PerTensor(0.002f, 0)),
            new("fc", TfliteTensorType.Int8, [1, 5], Quantization: new TfliteQuantization([0.25f], [-1], 0, [-31.75f], [32f])),
            new("reshape/shape", TfliteTensorType.Int32, [2], 8),
            new("logits", TfliteTensorType.Int8, [1, 5], Quantization: TfliteQuantization.PerTensor(0.25f, -1)),
            new("probs", TfliteTensorType.Int8, [1, 5], Quantization: TfliteQuantization.PerTensor(1f / 256, -128)),
            new("mean/axes_alias", TfliteTensorType.Int32, [2], 5),
            new("output", TfliteTensorType.Float32, [1, 5], 9, HasRank: true),
        ];

        TfliteOperatorCode[] codes =
        [
            new(TfliteBuiltinOperator.Quantize),
            new(TfliteBuiltinOperator.Conv2D, 3),
            new(TfliteBuiltinOperator.DepthwiseConv2D, 3),
            new(TfliteBuiltinOperator.Add, 2),
            new(TfliteBuiltinOperator.Mean, 2),
            new(TfliteBuiltinOperator.FullyConnected, 4),
            new(TfliteBuiltinOperator.Reshape),
            new(TfliteBuiltinOperator.Softmax, 2),
            new(TfliteBuiltinOperator.Dequantize, 2),
        ];

        TfliteOperator[] operators =
        [
            new(0, [0], [1]),
            new(1, [1, 2, 3], [4], new TfliteConv2DOptions(TflitePadding.Same, 1, 1, TfliteActivation.Relu6)),
            new(2, [4, 5, 6], [7], new TfliteDepthwiseConv2DOptions(TflitePadding.Same, 1, 1, 1, DilationW: 2, DilationH: 2)),
            new(3, [4, 7], [8], new TfliteAddOptions(TfliteActivation.Relu)),
            new(4, [8, 9], [10], new TfliteReducerOptions(KeepDims: false)),
            new(5, [10, 11, 12], [13], new TfliteFullyConnectedOptions()),
            new(6, [13, 14], [15], new TfliteReshapeOptions([1, 5])),
            new(7, [15], [16], new TfliteSoftmaxOptions(1f)),
            new(8, [16], [18], new TfliteDequantizeOptions()),
        ];

        var model = new TfliteModel(
            TfliteModel.SchemaVersion,
            "MicroBackbone test model",
            codes,
            [new TfliteSubgraph("main", tensors, [0], [18], operators)],
            buffers,
            StructuralList<TfliteMetadata>.Empty);
        return model.WithMinRuntimeVersion("1.14.0") with
        {
            Signatures = [new TfliteSignature("serving_default", 0, [new("image", 0)], [new("probabilities", 18)])],
        };
    }

    /// <summary>One record of every options type we support, with non-default values where the type has fields.</summary>
    public static TfliteBuiltinOptions[] EveryOptionsRecord() =>
    [
        new TfliteConv2DOptions(TflitePadding.Valid, 2, 3, TfliteActivation.Relu, 2, 3, TfliteTensorType.Int64),
        new TfliteDepthwiseConv2DOptions(TflitePadding.Valid, 2, 1, 2, TfliteActivation.Relu6, 1, 2),
        new TflitePool2DOptions(TflitePadding.Same, 2, 2, 3, 3, TfliteActivation.Relu6),
        new TfliteFullyConnectedOptions(TfliteActivation.Tanh, true, true, TfliteTensorType.Int32),
        new TfliteSoftmaxOptions(0.5f),
        new TfliteConcatenationOptions(-1, TfliteActivation.Relu),
        new TfliteAddOptions(TfliteActivation.ReluN1To1, false),
        new TfliteSubOptions(TfliteActivation.Relu6, false),
        new TfliteMulOptions(TfliteActivation.SignBit),
        new TfliteReshapeOptions(null),
        new TfliteReshapeOptions(StructuralList<int>.Empty),
        new TflitePadOptions(),
        new TfliteReducerOptions(true),
        new TfliteStridedSliceOptions(1, 2, 4, 8, 16, true),
        new TfliteDequantizeOptions(),
        new TfliteQuantizeOptions(),
        new TfliteHardSwishOptions(),
        new TfliteSplitOptions(3),
        new TfliteSplitVOptions(4),
        new TfliteSqueezeOptions([1, -2]),
        new TfliteSqueezeOptions(null),
        new TfliteLeakyReluOptions(0.2f),
        new TfliteResizeBilinearOptions(AlignCorners: false, HalfPixelCenters: true),
        new TfliteResizeNearestNeighborOptions(AlignCorners: true, HalfPixelCenters: false),
        new TfliteTransposeConvOptions(TflitePadding.Valid, 2, 3, TfliteActivation.Relu6, TfliteTensorType.Int64),
        new TfliteSvdfOptions(2, TfliteActivation.Relu, AsymmetricQuantizeInputs: true),
        new TfliteVarHandleOptions("box", "state_0"),
        new TfliteVarHandleOptions(null, null),
        new TflitePadV2Options(),
        new TfliteMaximumMinimumOptions(),
        new TfliteTransposeOptions(),
        new TfliteExpandDimsOptions(),
        new TfliteSliceOptions(),
        new TfliteReadVariableOptions(),
        new TfliteAssignVariableOptions(),
    ];

    /// <summary>A one-operator model whose operator takes <paramref name="options"/> (RELU when there are none).</summary>
    public static TfliteModel WithOptions(TfliteBuiltinOptions? options) => new(
        TfliteModel.SchemaVersion,
        string.Empty,
        [new TfliteOperatorCode(OperatorFor(options))],
        [new TfliteSubgraph(string.Empty, [new("x", TfliteTensorType.Int8, [1]), new("y", TfliteTensorType.Int8, [1])], [0], [1], [new TfliteOperator(0, [0], [1], options)])],
        [TfliteBuffer.Empty],
        StructuralList<TfliteMetadata>.Empty);

    private static TfliteBuiltinOperator OperatorFor(TfliteBuiltinOptions? options) => options switch
    {
        TfliteConv2DOptions => TfliteBuiltinOperator.Conv2D,
        TfliteDepthwiseConv2DOptions => TfliteBuiltinOperator.DepthwiseConv2D,
        TflitePool2DOptions => TfliteBuiltinOperator.MaxPool2D,
        TfliteFullyConnectedOptions => TfliteBuiltinOperator.FullyConnected,
        TfliteSoftmaxOptions => TfliteBuiltinOperator.Softmax,
        TfliteConcatenationOptions => TfliteBuiltinOperator.Concatenation,
        TfliteAddOptions => TfliteBuiltinOperator.Add,
        TfliteSubOptions => TfliteBuiltinOperator.Sub,
        TfliteMulOptions => TfliteBuiltinOperator.Mul,
        TfliteReshapeOptions => TfliteBuiltinOperator.Reshape,
        TflitePadOptions => TfliteBuiltinOperator.Pad,
        TfliteReducerOptions => TfliteBuiltinOperator.Mean,
        TfliteStridedSliceOptions => TfliteBuiltinOperator.StridedSlice,
        TfliteDequantizeOptions => TfliteBuiltinOperator.Dequantize,
        TfliteQuantizeOptions => TfliteBuiltinOperator.Quantize,
        TfliteHardSwishOptions => TfliteBuiltinOperator.HardSwish,
        TfliteSplitOptions => TfliteBuiltinOperator.Split,
        TfliteSplitVOptions => TfliteBuiltinOperator.SplitV,
        TfliteSqueezeOptions => TfliteBuiltinOperator.Squeeze,
        TfliteLeakyReluOptions => TfliteBuiltinOperator.LeakyRelu,
        TfliteResizeBilinearOptions => TfliteBuiltinOperator.ResizeBilinear,
        TfliteResizeNearestNeighborOptions => TfliteBuiltinOperator.ResizeNearestNeighbor,
        TfliteTransposeConvOptions => TfliteBuiltinOperator.TransposeConv,
        TfliteSvdfOptions => TfliteBuiltinOperator.Svdf,
        TfliteVarHandleOptions => TfliteBuiltinOperator.VarHandle,
        TflitePadV2Options => TfliteBuiltinOperator.PadV2,
        TfliteMaximumMinimumOptions => TfliteBuiltinOperator.Maximum,
        TfliteTransposeOptions => TfliteBuiltinOperator.Transpose,
        TfliteExpandDimsOptions => TfliteBuiltinOperator.ExpandDims,
        TfliteSliceOptions => TfliteBuiltinOperator.Slice,
        TfliteReadVariableOptions => TfliteBuiltinOperator.ReadVariable,
        TfliteAssignVariableOptions => TfliteBuiltinOperator.AssignVariable,
        _ => TfliteBuiltinOperator.Relu,
    };
}
