using Google.FlatBuffers;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// One options table of the <c>BuiltinOptions</c> union, described once: its union type id, the record that holds
/// it, the builtins that take it and its fields. The reader, the writer, the dumps and the model checks all use
/// this description (see <see cref="TfliteOptionsTables"/> for the list).
/// </summary>
internal sealed class TfliteOptionsTable
{
    private readonly Func<TfliteOptionValues, TfliteBuiltinOptions> create;

    /// <summary>Describes a table; <paramref name="fields"/> must be in ascending slot order.</summary>
    public TfliteOptionsTable(
        TfliteOptionsTypeId typeId,
        Type recordType,
        IReadOnlyList<TfliteBuiltinOperator> operators,
        IReadOnlyList<TfliteOptionField> fields,
        Func<TfliteOptionValues, TfliteBuiltinOptions> create)
    {
        for (var i = 1; i < fields.Count; i++)
        {
            if (fields[i].Slot <= fields[i - 1].Slot)
            {
                throw new ArgumentException($"{typeId}: field {fields[i].Name} is not after {fields[i - 1].Name} in slot order.", nameof(fields));
            }
        }

        TypeId = typeId;
        RecordType = recordType;
        Operators = operators;
        Fields = fields;
        this.create = create;
    }

    /// <summary>The union type id stored in <c>Operator.builtin_options_type</c>.</summary>
    public TfliteOptionsTypeId TypeId { get; }

    /// <summary>The sealed record type that holds the table.</summary>
    public Type RecordType { get; }

    /// <summary>The builtin operators whose options are this table.</summary>
    public IReadOnlyList<TfliteBuiltinOperator> Operators { get; }

    /// <summary>The fields in slot order.</summary>
    public IReadOnlyList<TfliteOptionField> Fields { get; }

    private int SlotCount => Fields.Count == 0 ? 0 : Fields[^1].Slot + 1;

    /// <summary>Reads the table into its record; a bad field value is one error line naming the field.</summary>
    public TfliteBuiltinOptions Read(FlatBufferTableView t)
    {
        var values = new object?[SlotCount];
        foreach (var field in Fields)
        {
            values[field.Slot] = field.Read(t);
        }

        return create(new TfliteOptionValues(values));
    }

    /// <summary>Writes <paramref name="options"/> as this table and returns its offset (call outside any open table).</summary>
    public int Write(FlatBufferBuilder builder, TfliteBuiltinOptions options)
    {
        var outOfLine = Fields.Select(f => f.WriteOutOfLine(builder, options)).ToArray();
        builder.StartTable(SlotCount);
        for (var i = 0; i < Fields.Count; i++)
        {
            Fields[i].Add(builder, options, outOfLine[i]);
        }

        return builder.EndTable();
    }

    /// <summary>The library verifier's check of this table: every field's size and alignment, vectors and strings in bounds.</summary>
    public bool Verify(Verifier verifier, uint at) =>
        verifier.VerifyTableStart(at) && Fields.All(f => f.Verify(verifier, at)) && verifier.VerifyTableEnd(at);

    /// <summary>Schema name and display value of every field the record keeps, in schema order.</summary>
    public IReadOnlyList<(string Name, object? Value)> DumpFields(TfliteBuiltinOptions options) =>
        Fields.Where(f => f.InRecord).Select(f => (f.Name, f.Display(options))).ToArray();
}
