namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Reads enum fields shared by several tables, rejecting values outside what we support by name.</summary>
internal static class TfliteEnums
{
    /// <summary>A <c>TensorType</c> byte field.</summary>
    public static TfliteTensorType TensorType(FlatBufferTableView t, int slot, string field)
    {
        var value = t.SByte(slot, field);
        return Enum.IsDefined((TfliteTensorType)value)
            ? (TfliteTensorType)value
            : throw t.Fail(field, $"tensor type {TfliteSchemaNames.TensorType(value)} is not supported");
    }
}
