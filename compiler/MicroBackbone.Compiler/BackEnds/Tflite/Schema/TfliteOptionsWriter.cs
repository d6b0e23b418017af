using Google.FlatBuffers;
using O = MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteSchema.Options;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Serializes one builtin options record as its schema table. Fields equal to the schema default are left out,
/// as every flatbuffer writer does, and read back as that default.
/// </summary>
internal static class TfliteOptionsWriter
{
    /// <summary>Writes the table and returns its offset (call outside any open table).</summary>
    public static int Write(FlatBufferBuilder builder, TfliteBuiltinOptions options)
    {
        switch (options)
        {
            case TfliteConv2DOptions conv:
                builder.StartTable(O.Conv2DFieldCount);
                AddConvCommon(builder, conv.Padding, conv.StrideW, conv.StrideH);
                builder.AddSbyte(O.Conv2DActivation, (sbyte)conv.Activation, 0);
                builder.AddInt(O.Conv2DDilationW, conv.DilationW, 1);
                builder.AddInt(O.Conv2DDilationH, conv.DilationH, 1);
                builder.AddSbyte(O.Conv2DQuantizedBiasType, (sbyte)conv.QuantizedBiasType, 0);
                return builder.EndTable();
            case TfliteDepthwiseConv2DOptions dw:
                builder.StartTable(O.DepthwiseFieldCount);
                AddConvCommon(builder, dw.Padding, dw.StrideW, dw.StrideH);
                builder.AddInt(O.DepthwiseMultiplier, dw.DepthMultiplier, 0);
                builder.AddSbyte(O.DepthwiseActivation, (sbyte)dw.Activation, 0);
                builder.AddInt(O.DepthwiseDilationW, dw.DilationW, 1);
                builder.AddInt(O.DepthwiseDilationH, dw.DilationH, 1);
                return builder.EndTable();
            case TflitePool2DOptions pool:
                builder.StartTable(O.PoolFieldCount);
                AddConvCommon(builder, pool.Padding, pool.StrideW, pool.StrideH);
                builder.AddInt(O.PoolFilterWidth, pool.FilterWidth, 0);
                builder.AddInt(O.PoolFilterHeight, pool.FilterHeight, 0);
                builder.AddSbyte(O.PoolActivation, (sbyte)pool.Activation, 0);
                return builder.EndTable();
            case TfliteFullyConnectedOptions fc:
                builder.StartTable(O.FullyConnectedFieldCount);
                builder.AddSbyte(O.FullyConnectedActivation, (sbyte)fc.Activation, 0);
                builder.AddBool(O.FullyConnectedKeepNumDims, fc.KeepNumDims, false);
                builder.AddBool(O.FullyConnectedAsymmetricQuantizeInputs, fc.AsymmetricQuantizeInputs, false);
                builder.AddSbyte(O.FullyConnectedQuantizedBiasType, (sbyte)fc.QuantizedBiasType, 0);
                return builder.EndTable();
            case TfliteSoftmaxOptions softmax:
                builder.StartTable(1);
                builder.AddFloat(O.SoftmaxBeta, softmax.Beta, 0);
                return builder.EndTable();
            case TfliteConcatenationOptions concat:
                builder.StartTable(2);
                builder.AddInt(O.ConcatenationAxis, concat.Axis, 0);
                builder.AddSbyte(O.ConcatenationActivation, (sbyte)concat.Activation, 0);
                return builder.EndTable();
            case TfliteAddOptions add:
                return WriteElementwise(builder, add.Activation, add.PotScaleInt16);
            case TfliteSubOptions sub:
                return WriteElementwise(builder, sub.Activation, sub.PotScaleInt16);
            case TfliteMulOptions mul:
                builder.StartTable(1);
                builder.AddSbyte(O.ElementwiseActivation, (sbyte)mul.Activation, 0);
                return builder.EndTable();
            case TfliteReshapeOptions reshape:
                return WriteReshape(builder, reshape);
            case TfliteReducerOptions reducer:
                builder.StartTable(1);
                builder.AddBool(O.ReducerKeepDims, reducer.KeepDims, false);
                return builder.EndTable();
            case TfliteStridedSliceOptions slice:
                builder.StartTable(O.StridedSliceFieldCount);
                builder.AddInt(O.StridedSliceBeginMask, slice.BeginMask, 0);
                builder.AddInt(O.StridedSliceEndMask, slice.EndMask, 0);
                builder.AddInt(O.StridedSliceEllipsisMask, slice.EllipsisMask, 0);
                builder.AddInt(O.StridedSliceNewAxisMask, slice.NewAxisMask, 0);
                builder.AddInt(O.StridedSliceShrinkAxisMask, slice.ShrinkAxisMask, 0);
                builder.AddBool(O.StridedSliceOffset, slice.Offset, false);
                return builder.EndTable();
            case TflitePadOptions or TfliteDequantizeOptions or TfliteQuantizeOptions or TfliteHardSwishOptions or TflitePadV2Options:
                builder.StartTable(0);
                return builder.EndTable();
            default:
                throw new ArgumentException($"Options record {options.GetType().Name} has no TFLite serialization.", nameof(options));
        }
    }

    private static void AddConvCommon(FlatBufferBuilder builder, TflitePadding padding, int strideW, int strideH)
    {
        builder.AddSbyte(O.ConvPadding, (sbyte)padding, 0);
        builder.AddInt(O.ConvStrideW, strideW, 0);
        builder.AddInt(O.ConvStrideH, strideH, 0);
    }

    private static int WriteElementwise(FlatBufferBuilder builder, TfliteActivation activation, bool potScaleInt16)
    {
        builder.StartTable(2);
        builder.AddSbyte(O.ElementwiseActivation, (sbyte)activation, 0);
        builder.AddBool(O.ElementwisePotScaleInt16, potScaleInt16, true);
        return builder.EndTable();
    }

    private static int WriteReshape(FlatBufferBuilder builder, TfliteReshapeOptions reshape)
    {
        var newShape = reshape.NewShape is null ? 0 : TfliteVectors.Ints(builder, reshape.NewShape);
        builder.StartTable(1);
        if (reshape.NewShape is not null)
        {
            builder.AddOffset(O.ReshapeNewShape, newShape, 0);
        }

        return builder.EndTable();
    }
}
