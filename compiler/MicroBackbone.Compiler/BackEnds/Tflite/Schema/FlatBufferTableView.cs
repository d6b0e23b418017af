using Google.FlatBuffers;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// Bounds-checked access to one table of a flatbuffer read from an untrusted file. Every offset is checked against
/// the file length before Google.FlatBuffers' <see cref="Table"/>/<see cref="ByteBuffer"/> reads it, so a truncated
/// or corrupt file gives a <see cref="TfliteFormatException"/> naming the file and the place, never an index error.
/// </summary>
internal readonly struct FlatBufferTableView
{
    private readonly Table table;
    private readonly int vtableSize;
    private readonly int tableSize;

    private FlatBufferTableView(ByteBuffer buffer, int position, int vtableSize, int tableSize, string source, string place)
    {
        table = new Table(position, buffer);
        this.vtableSize = vtableSize;
        this.tableSize = tableSize;
        Source = source;
        Place = place;
    }

    /// <summary>The file name used in error messages.</summary>
    public string Source { get; }

    /// <summary>Where this table sits in the model, e.g. "subgraph 0 > tensor 3".</summary>
    public string Place { get; }

    private ByteBuffer Buffer => table.bb;

    /// <summary>Opens the table at absolute <paramref name="position"/>, checking its vtable lies inside the file.</summary>
    public static FlatBufferTableView At(ByteBuffer buffer, long position, string source, string place)
    {
        var length = buffer.Length;
        if (position < 0 || position + 4 > length)
        {
            throw Fail(source, place, $"table offset {position} is outside the file ({length} bytes)");
        }

        long vtable = position - buffer.GetInt((int)position);
        if (vtable < 0 || vtable + 4 > length || vtable % 2 != 0)
        {
            throw Fail(source, place, $"table at {position} points to a vtable at {vtable}, outside the file");
        }

        int vtableSize = buffer.GetUshort((int)vtable);
        int tableSize = buffer.GetUshort((int)vtable + 2);
        if (vtableSize < 4 || vtableSize % 2 != 0 || vtable + vtableSize > length)
        {
            throw Fail(source, place, $"vtable at {vtable} has an invalid size {vtableSize}");
        }

        if (tableSize < 4 || position + tableSize > length)
        {
            throw Fail(source, place, $"table at {position} of {tableSize} bytes runs past the end of the file");
        }

        return new FlatBufferTableView(buffer, (int)position, vtableSize, tableSize, source, place);
    }

    /// <summary>An error about this table or one of its fields.</summary>
    public TfliteFormatException Fail(string field, string what) =>
        Fail(Source, field.Length == 0 ? Place : $"{Place} > {field}", what);

    /// <summary>True when the field at <paramref name="slot"/> is stored (not left at its default).</summary>
    public bool Has(int slot) => FieldOffset(slot) != 0;

    /// <summary>A signed byte field (also enums stored as byte).</summary>
    public sbyte SByte(int slot, string field, sbyte fallback = 0)
    {
        var at = Scalar(slot, 1, field);
        return at == 0 ? fallback : Buffer.GetSbyte(at);
    }

    /// <summary>An unsigned byte field (union type ids).</summary>
    public byte Byte(int slot, string field, byte fallback = 0)
    {
        var at = Scalar(slot, 1, field);
        return at == 0 ? fallback : Buffer.Get(at);
    }

    /// <summary>A bool field.</summary>
    public bool Bool(int slot, string field, bool fallback = false)
    {
        var at = Scalar(slot, 1, field);
        return at == 0 ? fallback : Buffer.Get(at) != 0;
    }

    /// <summary>An int field.</summary>
    public int Int(int slot, string field, int fallback = 0)
    {
        var at = Scalar(slot, 4, field);
        return at == 0 ? fallback : Buffer.GetInt(at);
    }

    /// <summary>A uint field.</summary>
    public uint UInt(int slot, string field, uint fallback = 0)
    {
        var at = Scalar(slot, 4, field);
        return at == 0 ? fallback : Buffer.GetUint(at);
    }

    /// <summary>A float field.</summary>
    public float Float(int slot, string field, float fallback = 0)
    {
        var at = Scalar(slot, 4, field);
        return at == 0 ? fallback : Buffer.GetFloat(at);
    }

    /// <summary>A ulong field.</summary>
    public ulong ULong(int slot, string field, ulong fallback = 0)
    {
        var at = Scalar(slot, 8, field);
        return at == 0 ? fallback : Buffer.GetUlong(at);
    }

    /// <summary>A string field, or null when absent.</summary>
    public string? String(int slot, string field)
    {
        var target = Indirect(slot, field);
        if (target == 0)
        {
            return null;
        }

        var (start, count) = VectorBounds(target, 1, field);
        return Buffer.GetStringUTF8(start, count);
    }

    /// <summary>A sub-table field, or null when absent.</summary>
    public FlatBufferTableView? Table(int slot, string field)
    {
        var target = Indirect(slot, field);
        return target == 0 ? null : At(Buffer, target, Source, $"{Place} > {field}");
    }

    /// <summary>A vector of tables, or null when absent; <paramref name="element"/> names each entry.</summary>
    public FlatBufferTableView[]? Tables(int slot, string field, string element)
    {
        var target = Indirect(slot, field);
        if (target == 0)
        {
            return null;
        }

        var (start, count) = VectorBounds(target, 4, field);
        var tables = new FlatBufferTableView[count];
        for (var i = 0; i < count; i++)
        {
            long entry = start + (4L * i);
            long position = entry + Buffer.GetUint((int)entry);
            tables[i] = At(Buffer, position, Source, $"{Place} > {element} {i}");
        }

        return tables;
    }

    /// <summary>A vector of ints, or null when absent.</summary>
    public int[]? Ints(int slot, string field) => Scalars(slot, field, 4, (b, at) => b.GetInt(at));

    /// <summary>A vector of longs, or null when absent.</summary>
    public long[]? Longs(int slot, string field) => Scalars(slot, field, 8, (b, at) => b.GetLong(at));

    /// <summary>A vector of floats, or null when absent.</summary>
    public float[]? Floats(int slot, string field) => Scalars(slot, field, 4, (b, at) => b.GetFloat(at));

    /// <summary>A vector of bytes, or null when absent.</summary>
    public byte[]? Bytes(int slot, string field)
    {
        var target = Indirect(slot, field);
        if (target == 0)
        {
            return null;
        }

        var (start, count) = VectorBounds(target, 1, field);
        return Buffer.ToArray<byte>(start, count);
    }

    private static TfliteFormatException Fail(string source, string place, string what) =>
        new($"{source}: {place}: {what}");

    private T[]? Scalars<T>(int slot, string field, int size, Func<ByteBuffer, int, T> read)
    {
        var target = Indirect(slot, field);
        if (target == 0)
        {
            return null;
        }

        var (start, count) = VectorBounds(target, size, field);
        var values = new T[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = read(Buffer, start + (size * i));
        }

        return values;
    }

    // Relative offset of the field inside the table, or 0 when absent; fields past the vtable's end are absent
    // (written by an older schema).
    private int FieldOffset(int slot)
    {
        var vtableOffset = 4 + (2 * slot);
        return vtableOffset + 2 > vtableSize ? 0 : table.__offset(vtableOffset);
    }

    private int Scalar(int slot, int size, string field)
    {
        var relative = FieldOffset(slot);
        if (relative == 0)
        {
            return 0;
        }

        if (relative < 4 || relative + size > tableSize)
        {
            throw Fail(field, $"field at offset {relative} lies outside its table of {tableSize} bytes");
        }

        return table.bb_pos + relative;
    }

    // Absolute position an offset field points to, or 0 when the field is absent.
    private long Indirect(int slot, string field)
    {
        var at = Scalar(slot, 4, field);
        if (at == 0)
        {
            return 0;
        }

        long target = at + (long)Buffer.GetUint(at);
        if (target == at || target + 4 > Buffer.Length)
        {
            throw Fail(field, $"offset points to {target}, outside the file ({Buffer.Length} bytes)");
        }

        return target;
    }

    private (int Start, int Count) VectorBounds(long position, int elementSize, string field)
    {
        long count = Buffer.GetUint((int)position);
        long start = position + 4;
        if (start + (count * elementSize) > Buffer.Length)
        {
            throw Fail(field, $"{count} elements at {position} run past the end of the file ({Buffer.Length} bytes)");
        }

        return ((int)start, (int)count);
    }
}
