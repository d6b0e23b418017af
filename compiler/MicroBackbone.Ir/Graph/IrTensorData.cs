using System.Buffers.Binary;

namespace MicroBackbone.Ir;

/// <summary>Decodes the little-endian constant bytes of an <see cref="IrTensor"/> into typed element arrays.</summary>
public static class IrTensorData
{
    /// <summary>The int8 elements; throws when the tensor is not an int8 constant.</summary>
    public static sbyte[] ReadInt8(this IrTensor tensor)
    {
        var bytes = Bytes(tensor, IrDataType.Int8);
        var values = new sbyte[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            values[i] = unchecked((sbyte)bytes[i]);
        }

        return values;
    }

    /// <summary>The uint8 elements; throws when the tensor is not a uint8 constant.</summary>
    public static byte[] ReadUInt8(this IrTensor tensor) => Bytes(tensor, IrDataType.UInt8).ToArray();

    /// <summary>The int32 elements; throws when the tensor is not an int32 constant.</summary>
    public static int[] ReadInt32(this IrTensor tensor)
    {
        var bytes = Bytes(tensor, IrDataType.Int32);
        var values = new int[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4));
        }

        return values;
    }

    /// <summary>The int16 elements; throws when the tensor is not an int16 constant.</summary>
    public static short[] ReadInt16(this IrTensor tensor)
    {
        var bytes = Bytes(tensor, IrDataType.Int16);
        var values = new short[bytes.Length / 2];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadInt16LittleEndian(bytes.Slice(i * 2));
        }

        return values;
    }

    /// <summary>The float32 elements; throws when the tensor is not a float32 constant.</summary>
    public static float[] ReadFloat32(this IrTensor tensor)
    {
        var bytes = Bytes(tensor, IrDataType.Float32);
        var values = new float[bytes.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            var bits = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4));
            values[i] = BitConverter.ToSingle(BitConverter.GetBytes(bits), 0);
        }

        return values;
    }

    private static ReadOnlySpan<byte> Bytes(IrTensor tensor, IrDataType expected)
    {
        if (tensor.Data is not { } data)
        {
            throw new InvalidOperationException($"tensor {tensor.Describe()} is an activation, not a constant");
        }

        if (tensor.DataType != expected)
        {
            throw new InvalidOperationException($"tensor {tensor.Describe()} is not {expected.ToMbirName()}");
        }

        return data.AsSpan();
    }
}
