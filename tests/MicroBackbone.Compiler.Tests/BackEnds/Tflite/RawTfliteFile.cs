using Google.FlatBuffers;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// Builds minimal TFLite files field by field with FlatBufferBuilder, to produce what our writer never does (old
/// op code fields, other schema versions, unsupported operators, options and tensor types). Field slots follow
/// schema.fbs v3 and are written out literally here so the tests do not trust the code under test.
/// </summary>
internal sealed record RawTfliteFile
{
    public uint Version { get; init; } = 3;

    public sbyte? DeprecatedBuiltinCode { get; init; } = 19;

    public int? BuiltinCode { get; init; } = 19;

    public string? CustomCode { get; init; }

    public sbyte TensorType { get; init; } = 9;

    public byte OptionsType { get; init; }

    /// <summary>One byte field (slot, value) written into the options table.</summary>
    public (int Slot, sbyte Value)? OptionsByteField { get; init; }

    public string Identifier { get; init; } = "TFL3";

    public byte[] Build()
    {
        var b = new FlatBufferBuilder(256);
        b.StartTable(1);
        var buffer0 = b.EndTable();
        var buffers = Vector(b, [buffer0]);

        var t0 = Tensor(b, "x");
        var t1 = Tensor(b, "y");
        var tensors = Vector(b, [t0, t1]);
        var inputs = Ints(b, [0]);
        var outputs = Ints(b, [1]);

        var opInputs = Ints(b, [0]);
        var opOutputs = Ints(b, [1]);
        var options = 0;
        if (OptionsType != 0)
        {
            b.StartTable(OptionsByteField is { } f ? f.Slot + 1 : 0);
            if (OptionsByteField is { } field)
            {
                b.AddSbyte(field.Slot, field.Value, 0);
            }

            options = b.EndTable();
        }

        b.StartTable(5);
        b.AddUint(0, 0, 0);
        b.AddOffset(1, opInputs, 0);
        b.AddOffset(2, opOutputs, 0);
        b.AddByte(3, OptionsType, 0);
        b.AddOffset(4, options, 0);
        var op = b.EndTable();
        var operators = Vector(b, [op]);

        b.StartTable(5);
        b.AddOffset(0, tensors, 0);
        b.AddOffset(1, inputs, 0);
        b.AddOffset(2, outputs, 0);
        b.AddOffset(3, operators, 0);
        var subgraph = b.EndTable();
        var subgraphs = Vector(b, [subgraph]);

        var custom = CustomCode is null ? 0 : b.CreateString(CustomCode).Value;
        b.StartTable(4);
        b.ForceDefaults = true;
        if (DeprecatedBuiltinCode is { } deprecated)
        {
            b.AddSbyte(0, deprecated, 0);
        }

        if (custom != 0)
        {
            b.AddOffset(1, custom, 0);
        }

        if (BuiltinCode is { } code)
        {
            b.AddInt(3, code, 0);
        }

        b.ForceDefaults = false;
        var opcode = b.EndTable();
        var codes = Vector(b, [opcode]);

        b.StartTable(5);
        b.AddUint(0, Version, 0);
        b.AddOffset(1, codes, 0);
        b.AddOffset(2, subgraphs, 0);
        b.AddOffset(4, buffers, 0);
        var root = b.EndTable();
        b.Finish(root, Identifier);
        return b.SizedByteArray();
    }

    private int Tensor(FlatBufferBuilder b, string name)
    {
        var shape = Ints(b, [1]);
        var text = b.CreateString(name).Value;
        b.StartTable(4);
        b.AddOffset(0, shape, 0);
        b.ForceDefaults = true;
        b.AddSbyte(1, TensorType, 0);
        b.ForceDefaults = false;
        b.AddOffset(3, text, 0);
        return b.EndTable();
    }

    private static int Ints(FlatBufferBuilder b, int[] values)
    {
        b.StartVector(4, values.Length, 4);
        for (var i = values.Length - 1; i >= 0; i--)
        {
            b.AddInt(values[i]);
        }

        return b.EndVector().Value;
    }

    private static int Vector(FlatBufferBuilder b, int[] tables)
    {
        b.StartVector(4, tables.Length, 4);
        for (var i = tables.Length - 1; i >= 0; i--)
        {
            b.AddOffset(tables[i]);
        }

        return b.EndVector().Value;
    }
}
