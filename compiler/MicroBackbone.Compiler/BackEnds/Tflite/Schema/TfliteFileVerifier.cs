using Google.FlatBuffers;
using S = MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteSchema;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Runs Google.FlatBuffers' <see cref="Verifier"/> over a TFLite file with verify functions for the tables we read
/// (the library ships the engine; the per-table functions are normally generated, so they are written here from the
/// schema). It checks every offset, vector and string of those tables plus alignment, before any field is read.
/// </summary>
internal static class TfliteFileVerifier
{
    /// <summary>
    /// Largest file the library verifier handles: in Google.FlatBuffers 25.2.10 it converts vtable positions to
    /// Int16, so past 32 KiB it prints an exception to the console and treats fields as absent. Larger files rely on
    /// the reader's own bounds checks (<see cref="FlatBufferTableView"/>), which apply to every file.
    /// </summary>
    public const int MaxVerifiableLength = short.MaxValue;

    /// <summary>Throws <see cref="TfliteFormatException"/> when the verifier rejects the file.</summary>
    public static void Verify(ByteBuffer buffer, string source)
    {
        if (buffer.Length > MaxVerifiableLength)
        {
            return;
        }

        bool valid;
        try
        {
            // The identifier is checked by the reader itself; the library's identifier check is not relied on.
            valid = new Verifier(buffer).VerifyBuffer(null, false, Model);
        }
        catch (Exception e) when (e is ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            throw new TfliteFormatException($"{source}: flatbuffer verification failed: {e.Message}", e);
        }

        if (!valid)
        {
            throw new TfliteFormatException(
                $"{source}: the flatbuffer verifier rejects the file: an offset, vector or string lies outside it or is misaligned");
        }
    }

    private static short Slot(int slot) => (short)(4 + (2 * slot));

    private static bool Model(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyField(at, Slot(S.Model.Version), 4, 4, false)
        && v.VerifyVectorOfTables(at, Slot(S.Model.OperatorCodes), OperatorCode, false)
        && v.VerifyVectorOfTables(at, Slot(S.Model.Subgraphs), Subgraph, false)
        && v.VerifyString(at, Slot(S.Model.Description), false)
        && v.VerifyVectorOfTables(at, Slot(S.Model.Buffers), Buffer, false)
        && v.VerifyVectorOfData(at, Slot(S.Model.MetadataBuffer), 4, false)
        && v.VerifyVectorOfTables(at, Slot(S.Model.Metadata), Metadata, false)
        && v.VerifyVectorOfTables(at, Slot(S.Model.SignatureDefs), Signature, false)
        && v.VerifyTableEnd(at);

    private static bool Signature(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyVectorOfTables(at, Slot(S.SignatureDef.Inputs), TensorMap, false)
        && v.VerifyVectorOfTables(at, Slot(S.SignatureDef.Outputs), TensorMap, false)
        && v.VerifyString(at, Slot(S.SignatureDef.SignatureKey), false)
        && v.VerifyField(at, Slot(S.SignatureDef.SubgraphIndex), 4, 4, false)
        && v.VerifyTableEnd(at);

    private static bool TensorMap(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyString(at, Slot(S.TensorMap.Name), false)
        && v.VerifyField(at, Slot(S.TensorMap.TensorIndex), 4, 4, false)
        && v.VerifyTableEnd(at);

    private static bool OperatorCode(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyField(at, Slot(S.OperatorCode.DeprecatedBuiltinCode), 1, 1, false)
        && v.VerifyString(at, Slot(S.OperatorCode.CustomCode), false)
        && v.VerifyField(at, Slot(S.OperatorCode.Version), 4, 4, false)
        && v.VerifyField(at, Slot(S.OperatorCode.BuiltinCode), 4, 4, false)
        && v.VerifyTableEnd(at);

    private static bool Subgraph(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyVectorOfTables(at, Slot(S.SubGraph.Tensors), Tensor, false)
        && v.VerifyVectorOfData(at, Slot(S.SubGraph.Inputs), 4, false)
        && v.VerifyVectorOfData(at, Slot(S.SubGraph.Outputs), 4, false)
        && v.VerifyVectorOfTables(at, Slot(S.SubGraph.Operators), Operator, false)
        && v.VerifyString(at, Slot(S.SubGraph.Name), false)
        && v.VerifyTableEnd(at);

    private static bool Tensor(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyVectorOfData(at, Slot(S.Tensor.Shape), 4, false)
        && v.VerifyField(at, Slot(S.Tensor.Type), 1, 1, false)
        && v.VerifyField(at, Slot(S.Tensor.Buffer), 4, 4, false)
        && v.VerifyString(at, Slot(S.Tensor.Name), false)
        && v.VerifyTable(at, Slot(S.Tensor.Quantization), Quantization, false)
        && v.VerifyField(at, Slot(S.Tensor.IsVariable), 1, 1, false)
        && v.VerifyVectorOfData(at, Slot(S.Tensor.ShapeSignature), 4, false)
        && v.VerifyField(at, Slot(S.Tensor.HasRank), 1, 1, false)
        && v.VerifyTableEnd(at);

    private static bool Quantization(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyVectorOfData(at, Slot(S.Quantization.Min), 4, false)
        && v.VerifyVectorOfData(at, Slot(S.Quantization.Max), 4, false)
        && v.VerifyVectorOfData(at, Slot(S.Quantization.Scale), 4, false)
        && v.VerifyVectorOfData(at, Slot(S.Quantization.ZeroPoint), 8, false)
        && v.VerifyField(at, Slot(S.Quantization.DetailsType), 1, 1, false)
        && v.VerifyField(at, Slot(S.Quantization.QuantizedDimension), 4, 4, false)
        && v.VerifyTableEnd(at);

    private static bool Operator(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyField(at, Slot(S.Operator.OpcodeIndex), 4, 4, false)
        && v.VerifyVectorOfData(at, Slot(S.Operator.Inputs), 4, false)
        && v.VerifyVectorOfData(at, Slot(S.Operator.Outputs), 4, false)
        && v.VerifyField(at, Slot(S.Operator.BuiltinOptionsType), 1, 1, false)
        && BuiltinOptions(v, at)
        && v.VerifyVectorOfData(at, Slot(S.Operator.CustomOptions), 1, false)
        && v.VerifyVectorOfData(at, Slot(S.Operator.Intermediates), 4, false)
        && v.VerifyTableEnd(at);

    // The library's VerifyUnion takes the type id from the value field's position instead of the type field, so
    // the type byte is read here (its bounds were verified just before) and the table verified with VerifyTable.
    private static bool BuiltinOptions(Verifier v, uint at)
    {
        var typeField = new Table((int)at, v.Buf).__offset(Slot(S.Operator.BuiltinOptionsType));
        var typeId = typeField == 0 ? (byte)0 : v.Buf.Get((int)at + typeField);
        return v.VerifyTable(at, Slot(S.Operator.BuiltinOptions), (inner, table) => Options(inner, typeId, table), false);
    }

    private static bool Buffer(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyVectorOfData(at, Slot(S.Buffer.Data), 1, false)
        && v.VerifyField(at, Slot(S.Buffer.Offset), 8, 8, false)
        && v.VerifyField(at, Slot(S.Buffer.Size), 8, 8, false)
        && v.VerifyTableEnd(at);

    private static bool Metadata(Verifier v, uint at) =>
        v.VerifyTableStart(at)
        && v.VerifyString(at, Slot(S.Metadata.Name), false)
        && v.VerifyField(at, Slot(S.Metadata.Buffer), 4, 4, false)
        && v.VerifyTableEnd(at);

    // Option tables of types we do not support are left to the reader, which rejects them by name.
    private static bool Options(Verifier v, byte typeId, uint at) =>
        TfliteOptionsTables.Find(typeId) is not { } table || table.Verify(v, at);
}
