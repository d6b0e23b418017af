using MicroBackbone.Compiler.IO;
using Google.FlatBuffers;
using S = MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteSchema;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Serializes a <see cref="TfliteModel"/> to TFLite flatbuffer bytes (schema version 3, identifier "TFL3") with
/// Google.FlatBuffers' <see cref="FlatBufferBuilder"/>. The output is a pure function of the model: the same model
/// gives the same bytes. Buffer data starts on 16-byte boundaries so TFLite Micro can use weights in place.
/// </summary>
public static class TfliteWriter
{
    /// <summary>Writes the model; throws <see cref="ArgumentException"/> when it is inconsistent (a bug upstream).</summary>
    public static byte[] Write(TfliteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (TfliteModelChecks.FirstProblem(model) is { } problem)
        {
            throw new ArgumentException($"TFLite model to write is inconsistent: {problem}.", nameof(model));
        }

        var builder = new FlatBufferBuilder(InitialSize(model));

        // Flatbuffers are built back to front: buffers first puts the bulk data at the end of the file.
        var buffers = TfliteVectors.Tables(builder, model.Buffers.Select(b => WriteBuffer(builder, b)).ToArray());
        var metadata = TfliteVectors.Tables(builder, model.Metadata.Select(m => WriteMetadata(builder, m)).ToArray());
        var signatures = model.Signatures.Count == 0
            ? 0
            : TfliteVectors.Tables(builder, model.Signatures.Select(s => WriteSignature(builder, s)).ToArray());
        var subgraphs = TfliteVectors.Tables(builder, model.Subgraphs.Select(s => WriteSubgraph(builder, s)).ToArray());
        var codes = TfliteVectors.Tables(builder, model.OperatorCodes.Select(c => WriteOperatorCode(builder, c)).ToArray());
        var description = builder.CreateString(model.Description).Value;

        builder.StartTable(S.Model.FieldCount);
        builder.AddUint(S.Model.Version, model.Version, 0);
        builder.AddOffset(S.Model.OperatorCodes, codes, 0);
        builder.AddOffset(S.Model.Subgraphs, subgraphs, 0);
        builder.AddOffset(S.Model.Description, description, 0);
        builder.AddOffset(S.Model.Buffers, buffers, 0);
        builder.AddOffset(S.Model.Metadata, metadata, 0);
        builder.AddOffset(S.Model.SignatureDefs, signatures, 0);
        var root = builder.EndTable();
        builder.Finish(root, S.FileIdentifier);
        return builder.SizedByteArray();
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/> atomically: a temporary file beside it is renamed over the target,
    /// so a reader never sees a half-written model.
    /// </summary>
    public static void WriteFile(TfliteModel model, string path) => AtomicFile.WriteAllBytes(path, Write(model));

    private static int InitialSize(TfliteModel model)
    {
        long data = model.Buffers.Sum(b => (long)b.Data.Count + S.Buffer.DataAlignment);
        return (int)Math.Min(int.MaxValue / 2, data + 4096);
    }

    private static int WriteBuffer(FlatBufferBuilder builder, TfliteBuffer buffer)
    {
        // An empty buffer (the sentinel, activations) has no data vector at all, as TFLite converters write it.
        var data = buffer.IsEmpty ? 0 : TfliteVectors.Bytes(builder, buffer.Data, S.Buffer.DataAlignment);
        builder.StartTable(S.Buffer.FieldCount);
        if (!buffer.IsEmpty)
        {
            builder.AddOffset(S.Buffer.Data, data, 0);
        }

        return builder.EndTable();
    }

    private static int WriteMetadata(FlatBufferBuilder builder, TfliteMetadata metadata)
    {
        var name = builder.CreateString(metadata.Name).Value;
        builder.StartTable(S.Metadata.FieldCount);
        builder.AddOffset(S.Metadata.Name, name, 0);
        builder.AddUint(S.Metadata.Buffer, (uint)metadata.Buffer, 0);
        return builder.EndTable();
    }

    private static int WriteSignature(FlatBufferBuilder builder, TfliteSignature signature)
    {
        var inputs = TfliteVectors.Tables(builder, signature.Inputs.Select(m => WriteTensorMap(builder, m)).ToArray());
        var outputs = TfliteVectors.Tables(builder, signature.Outputs.Select(m => WriteTensorMap(builder, m)).ToArray());
        var key = builder.CreateString(signature.Key).Value;
        builder.StartTable(S.SignatureDef.FieldCount);
        builder.AddOffset(S.SignatureDef.Inputs, inputs, 0);
        builder.AddOffset(S.SignatureDef.Outputs, outputs, 0);
        builder.AddOffset(S.SignatureDef.SignatureKey, key, 0);
        builder.AddUint(S.SignatureDef.SubgraphIndex, (uint)signature.SubgraphIndex, 0);
        return builder.EndTable();
    }

    private static int WriteTensorMap(FlatBufferBuilder builder, TfliteTensorMap map)
    {
        var name = builder.CreateString(map.Name).Value;
        builder.StartTable(S.TensorMap.FieldCount);
        builder.AddOffset(S.TensorMap.Name, name, 0);
        builder.AddUint(S.TensorMap.TensorIndex, (uint)map.TensorIndex, 0);
        return builder.EndTable();
    }

    private static int WriteOperatorCode(FlatBufferBuilder builder, TfliteOperatorCode code)
    {
        var value = (int)code.BuiltinCode;
        builder.StartTable(S.OperatorCode.FieldCount);

        // Old readers only know the int8 field: it carries the code, or the placeholder 127 for larger codes.
        builder.AddSbyte(S.OperatorCode.DeprecatedBuiltinCode, (sbyte)Math.Min(value, S.OperatorCode.PlaceholderForGreaterOpCodes), 0);
        builder.AddInt(S.OperatorCode.Version, code.Version, 1);
        builder.AddInt(S.OperatorCode.BuiltinCode, value, 0);
        return builder.EndTable();
    }

    private static int WriteSubgraph(FlatBufferBuilder builder, TfliteSubgraph subgraph)
    {
        var tensors = TfliteVectors.Tables(builder, subgraph.Tensors.Select(t => WriteTensor(builder, t)).ToArray());
        var inputs = TfliteVectors.Ints(builder, subgraph.Inputs);
        var outputs = TfliteVectors.Ints(builder, subgraph.Outputs);
        var operators = TfliteVectors.Tables(builder, subgraph.Operators.Select(o => WriteOperator(builder, o)).ToArray());
        var name = builder.CreateString(subgraph.Name).Value;

        builder.StartTable(S.SubGraph.FieldCount);
        builder.AddOffset(S.SubGraph.Tensors, tensors, 0);
        builder.AddOffset(S.SubGraph.Inputs, inputs, 0);
        builder.AddOffset(S.SubGraph.Outputs, outputs, 0);
        builder.AddOffset(S.SubGraph.Operators, operators, 0);
        builder.AddOffset(S.SubGraph.Name, name, 0);
        return builder.EndTable();
    }

    private static int WriteTensor(FlatBufferBuilder builder, TfliteTensor tensor)
    {
        var shape = TfliteVectors.Ints(builder, tensor.Shape);
        var name = builder.CreateString(tensor.Name).Value;
        var quantization = tensor.Quantization is null ? 0 : WriteQuantization(builder, tensor.Quantization);
        var signature = tensor.ShapeSignature is null ? 0 : TfliteVectors.Ints(builder, tensor.ShapeSignature);

        builder.StartTable(S.Tensor.FieldCount);
        builder.AddOffset(S.Tensor.Shape, shape, 0);
        builder.AddSbyte(S.Tensor.Type, (sbyte)tensor.Type, 0);
        builder.AddUint(S.Tensor.Buffer, (uint)tensor.Buffer, 0);
        builder.AddOffset(S.Tensor.Name, name, 0);
        builder.AddOffset(S.Tensor.Quantization, quantization, 0);
        builder.AddBool(S.Tensor.IsVariable, tensor.IsVariable, false);
        builder.AddOffset(S.Tensor.ShapeSignature, signature, 0);
        builder.AddBool(S.Tensor.HasRank, tensor.HasRank, false);
        return builder.EndTable();
    }

    private static int WriteQuantization(FlatBufferBuilder builder, TfliteQuantization q)
    {
        // Empty min/max/scale/zero_point vectors are left out; the reader maps absent to empty.
        var min = q.Min.Count == 0 ? 0 : TfliteVectors.Floats(builder, q.Min);
        var max = q.Max.Count == 0 ? 0 : TfliteVectors.Floats(builder, q.Max);
        var scale = q.Scale.Count == 0 ? 0 : TfliteVectors.Floats(builder, q.Scale);
        var zeroPoint = q.ZeroPoint.Count == 0 ? 0 : TfliteVectors.Longs(builder, q.ZeroPoint);

        builder.StartTable(S.Quantization.FieldCount);
        builder.AddOffset(S.Quantization.Min, min, 0);
        builder.AddOffset(S.Quantization.Max, max, 0);
        builder.AddOffset(S.Quantization.Scale, scale, 0);
        builder.AddOffset(S.Quantization.ZeroPoint, zeroPoint, 0);
        builder.AddInt(S.Quantization.QuantizedDimension, q.QuantizedDimension, 0);
        return builder.EndTable();
    }

    private static int WriteOperator(FlatBufferBuilder builder, TfliteOperator op)
    {
        var inputs = TfliteVectors.Ints(builder, op.Inputs);
        var outputs = TfliteVectors.Ints(builder, op.Outputs);
        var options = op.Options is null ? 0 : TfliteOptionsTables.Of(op.Options).Write(builder, op.Options);

        builder.StartTable(S.Operator.FieldCount);
        builder.AddUint(S.Operator.OpcodeIndex, (uint)op.OpcodeIndex, 0);
        builder.AddOffset(S.Operator.Inputs, inputs, 0);
        builder.AddOffset(S.Operator.Outputs, outputs, 0);
        builder.AddByte(S.Operator.BuiltinOptionsType, (byte)(op.Options?.TypeId ?? TfliteOptionsTypeId.None), 0);
        builder.AddOffset(S.Operator.BuiltinOptions, options, 0);
        return builder.EndTable();
    }
}
