using Google.FlatBuffers;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Writes flatbuffer vectors of scalars, bytes and table offsets (outside any open table).</summary>
internal static class TfliteVectors
{
    /// <summary>A vector of int32.</summary>
    public static int Ints(FlatBufferBuilder builder, StructuralList<int> values) =>
        Scalars(builder, values.ToArray(), sizeof(int));

    /// <summary>A vector of int64.</summary>
    public static int Longs(FlatBufferBuilder builder, StructuralList<long> values) =>
        Scalars(builder, values.ToArray(), sizeof(long));

    /// <summary>A vector of float32.</summary>
    public static int Floats(FlatBufferBuilder builder, StructuralList<float> values) =>
        Scalars(builder, values.ToArray(), sizeof(float));

    /// <summary>A vector of bytes whose first byte is aligned to <paramref name="alignment"/> in the file.</summary>
    public static int Bytes(FlatBufferBuilder builder, StructuralList<byte> values, int alignment) =>
        Scalars(builder, values.ToArray(), sizeof(byte), alignment);

    /// <summary>A vector of offsets to tables written before.</summary>
    public static int Tables(FlatBufferBuilder builder, IReadOnlyList<int> offsets)
    {
        builder.StartVector(sizeof(int), offsets.Count, sizeof(int));
        for (var i = offsets.Count - 1; i >= 0; i--)
        {
            builder.AddOffset(offsets[i]);
        }

        return builder.EndVector().Value;
    }

    private static int Scalars<T>(FlatBufferBuilder builder, T[] values, int size, int alignment = 0)
        where T : struct
    {
        builder.StartVector(size, values.Length, Math.Max(size, alignment));
        builder.Add(values);
        return builder.EndVector().Value;
    }
}
