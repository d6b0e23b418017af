using System.Text;
using Google.FlatBuffers;
using S = MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteSchema;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Parses TFLite flatbuffer bytes (schema version 3) into a <see cref="TfliteModel"/>. The file is untrusted: the
/// identifier, the schema version, every offset and length are checked as fields are read, the file then goes
/// through the Google.FlatBuffers verifier where that applies (files up to 32 KiB), and any problem becomes a <see cref="TfliteFormatException"/> that
/// names the file and the place. Operators, options and tensor types we do not support are reported by schema name.
/// </summary>
public static class TfliteReader
{
    /// <summary>Reads the model from <paramref name="data"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static TfliteModel Read(byte[] data, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(sourceName);
        if (data.Length < 8)
        {
            throw new TfliteFormatException($"{sourceName}: file of {data.Length} bytes is too short to be a TFLite model");
        }

        var identifier = data.AsSpan(4, 4);
        if (!identifier.SequenceEqual(Encoding.ASCII.GetBytes(S.FileIdentifier)))
        {
            throw new TfliteFormatException(
                $"{sourceName}: file identifier is '{Printable(identifier)}' at bytes 4..7, expected '{S.FileIdentifier}' (not a TFLite model)");
        }

        var buffer = new ByteBuffer(data);
        var root = FlatBufferTableView.At(buffer, buffer.GetUint(0), sourceName, "model");
        var version = root.UInt(S.Model.Version, "version");
        if (version != S.Version)
        {
            throw root.Fail("version", $"schema version {version}, expected {S.Version}");
        }

        var buffers = ReadList(root.Tables(S.Model.Buffers, "buffers", "buffer"), ReadBuffer);
        var model = new TfliteModel(
            version,
            root.String(S.Model.Description, "description") ?? string.Empty,
            ReadList(root.Tables(S.Model.OperatorCodes, "operator_codes", "operator code"), ReadOperatorCode),
            ReadList(root.Tables(S.Model.Subgraphs, "subgraphs", "subgraph"), ReadSubgraph),
            buffers,
            ReadList(root.Tables(S.Model.Metadata, "metadata", "metadata"), ReadMetadata))
        {
            Signatures = ReadList(root.Tables(S.Model.SignatureDefs, "signature_defs", "signature"), ReadSignature),
        };

        // Our own checks run first: the library verifier prints to the console on some malformed tables, which
        // cannot happen once every table we visit has been read successfully.
        TfliteFileVerifier.Verify(buffer, sourceName);
        if (TfliteModelChecks.FirstProblem(model) is { } problem)
        {
            throw new TfliteFormatException($"{sourceName}: {problem}");
        }

        return model;
    }

    /// <summary>Reads the model file at <paramref name="path"/>; a missing or unreadable file is a format error too.</summary>
    public static TfliteModel ReadFile(string path)
    {
        byte[] data;
        try
        {
            data = IO.InputFile.ReadAllBytes(path, "TFLite file");
        }
        catch (Ir.MicroBackboneException e) when (e is not TfliteFormatException)
        {
            throw new TfliteFormatException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new TfliteFormatException($"{path}: cannot read the TFLite file: {e.Message}", e);
        }

        return Read(data, path);
    }

    private static StructuralList<T> ReadList<T>(FlatBufferTableView[]? tables, Func<FlatBufferTableView, T> read) =>
        tables is null ? StructuralList<T>.Empty : StructuralList.From(tables.Select(read));

    private static StructuralList<T> List<T>(T[]? values) =>
        values is null ? StructuralList<T>.Empty : StructuralList.Create<T>(values);

    private static TfliteBuffer ReadBuffer(FlatBufferTableView t)
    {
        // Models over 2 GB keep data outside the flatbuffer (offset > 1); we never produce or accept those.
        if (t.ULong(S.Buffer.Offset, "offset") > 1)
        {
            throw t.Fail("offset", "buffer data stored outside the flatbuffer (models over 2 GB) is not supported");
        }

        var data = t.Bytes(S.Buffer.Data, "data");
        return data is null || data.Length == 0 ? TfliteBuffer.Empty : new TfliteBuffer(data);
    }

    private static TfliteMetadata ReadMetadata(FlatBufferTableView t) =>
        new(t.String(S.Metadata.Name, "name") ?? string.Empty, ToIndex(t, t.UInt(S.Metadata.Buffer, "buffer"), "buffer"));

    private static TfliteSignature ReadSignature(FlatBufferTableView t) => new(
        t.String(S.SignatureDef.SignatureKey, "signature_key") ?? string.Empty,
        ToIndex(t, t.UInt(S.SignatureDef.SubgraphIndex, "subgraph_index"), "subgraph_index"),
        ReadList(t.Tables(S.SignatureDef.Inputs, "inputs", "input"), ReadTensorMap),
        ReadList(t.Tables(S.SignatureDef.Outputs, "outputs", "output"), ReadTensorMap));

    private static TfliteTensorMap ReadTensorMap(FlatBufferTableView t) => new(
        t.String(S.TensorMap.Name, "name") ?? string.Empty,
        ToIndex(t, t.UInt(S.TensorMap.TensorIndex, "tensor_index"), "tensor_index"));

    private static TfliteOperatorCode ReadOperatorCode(FlatBufferTableView t)
    {
        var custom = t.String(S.OperatorCode.CustomCode, "custom_code");
        if (custom is not null)
        {
            throw t.Fail("custom_code", $"custom operator '{custom}' is not supported");
        }

        // Files from old converters only fill the int8 field, newer ones put 127 there for large codes: the larger
        // of the two is the real code, as the TFLite runtime decides.
        int deprecated = t.SByte(S.OperatorCode.DeprecatedBuiltinCode, "deprecated_builtin_code");
        var extended = t.Int(S.OperatorCode.BuiltinCode, "builtin_code");
        var code = Math.Max(deprecated, extended);
        if (!Enum.IsDefined((TfliteBuiltinOperator)code))
        {
            throw t.Fail(string.Empty, $"builtin operator {TfliteSchemaNames.Operator(code)} is not supported");
        }

        return new TfliteOperatorCode((TfliteBuiltinOperator)code, t.Int(S.OperatorCode.Version, "version", 1));
    }

    private static TfliteSubgraph ReadSubgraph(FlatBufferTableView t) => new(
        t.String(S.SubGraph.Name, "name") ?? string.Empty,
        ReadList(t.Tables(S.SubGraph.Tensors, "tensors", "tensor"), ReadTensor),
        List(t.Ints(S.SubGraph.Inputs, "inputs")),
        List(t.Ints(S.SubGraph.Outputs, "outputs")),
        ReadList(t.Tables(S.SubGraph.Operators, "operators", "operator"), ReadOperator));

    private static TfliteTensor ReadTensor(FlatBufferTableView t)
    {
        if (t.Has(S.Tensor.Sparsity))
        {
            throw t.Fail("sparsity", "sparse tensors are not supported");
        }

        var quantization = t.Table(S.Tensor.Quantization, "quantization") is { } q ? ReadQuantization(q) : null;
        var signature = t.Ints(S.Tensor.ShapeSignature, "shape_signature");
        return new TfliteTensor(
            t.String(S.Tensor.Name, "name") ?? string.Empty,
            TfliteEnums.TensorType(t, S.Tensor.Type, "type"),
            List(t.Ints(S.Tensor.Shape, "shape")),
            ToIndex(t, t.UInt(S.Tensor.Buffer, "buffer"), "buffer"),
            quantization,
            t.Bool(S.Tensor.IsVariable, "is_variable"),
            signature is null ? null : StructuralList.Create<int>(signature),
            t.Bool(S.Tensor.HasRank, "has_rank"));
    }

    private static TfliteQuantization ReadQuantization(FlatBufferTableView t)
    {
        if (t.Byte(S.Quantization.DetailsType, "details_type") != 0)
        {
            throw t.Fail("details", "custom quantization details are not supported, only scale/zero_point");
        }

        return new TfliteQuantization(
            List(t.Floats(S.Quantization.Scale, "scale")),
            List(t.Longs(S.Quantization.ZeroPoint, "zero_point")),
            t.Int(S.Quantization.QuantizedDimension, "quantized_dimension"),
            List(t.Floats(S.Quantization.Min, "min")),
            List(t.Floats(S.Quantization.Max, "max")));
    }

    private static TfliteOperator ReadOperator(FlatBufferTableView t)
    {
        if (t.Has(S.Operator.CustomOptions))
        {
            throw t.Fail("custom_options", "custom options are not supported");
        }

        if (t.Byte(S.Operator.BuiltinOptions2Type, "builtin_options_2_type") is var second and not 0)
        {
            throw t.Fail("builtin_options_2", $"options of the second options union (type {second}) are not supported");
        }

        var typeId = t.Byte(S.Operator.BuiltinOptionsType, "builtin_options_type");
        TfliteBuiltinOptions? options = null;
        if (typeId != 0)
        {
            var description = TfliteOptionsTables.Find(typeId)
                ?? throw t.Fail("builtin_options", $"options table {TfliteSchemaNames.OptionType(typeId)} is not supported");
            var table = t.Table(S.Operator.BuiltinOptions, "builtin_options")
                ?? throw t.Fail("builtin_options", $"options type {TfliteSchemaNames.OptionType(typeId)} is set but the table is missing");
            options = description.Read(table);
        }

        return new TfliteOperator(
            ToIndex(t, t.UInt(S.Operator.OpcodeIndex, "opcode_index"), "opcode_index"),
            List(t.Ints(S.Operator.Inputs, "inputs")),
            List(t.Ints(S.Operator.Outputs, "outputs")),
            options);
    }

    private static int ToIndex(FlatBufferTableView t, uint value, string field) =>
        value <= int.MaxValue ? (int)value : throw t.Fail(field, $"index {value} is out of range");

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder();
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7f ? ((char)b).ToString() : $"\\x{b:x2}");
        }

        return text.ToString();
    }
}
