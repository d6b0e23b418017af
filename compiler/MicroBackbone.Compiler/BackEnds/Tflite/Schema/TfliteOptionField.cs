using Google.FlatBuffers;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// One field of an options table: its slot (declaration index in the schema table), schema name, storage kind,
/// schema default and where the typed record keeps it. Reading, writing and the dumps all go through here.
/// </summary>
internal sealed class TfliteOptionField
{
    private static readonly string[] ActivationNames = ["NONE", "RELU", "RELU_N1_TO_1", "RELU6", "TANH", "SIGN_BIT"];

    private readonly Func<TfliteBuiltinOptions, object?>? get;

    /// <summary>Describes a field; <paramref name="get"/> is null for a field the record does not keep.</summary>
    public TfliteOptionField(int slot, string name, TfliteOptionFieldKind kind, object? fallback, Func<TfliteBuiltinOptions, object?>? get)
    {
        Slot = slot;
        Name = name;
        Kind = kind;
        Fallback = fallback;
        this.get = get;
    }

    /// <summary>The field's declaration index in its schema table.</summary>
    public int Slot { get; }

    /// <summary>The schema's name, e.g. "stride_w".</summary>
    public string Name { get; }

    /// <summary>How the value is stored.</summary>
    public TfliteOptionFieldKind Kind { get; }

    /// <summary>The schema default (boxed int, float or bool; null for vectors, strings and enums, which default to 0/absent).</summary>
    public object? Fallback { get; }

    /// <summary>False for a field that is only checked on reading (weights_format) and is never written.</summary>
    public bool InRecord => get is not null;

    /// <summary>The value as the file holds it, checked: an unknown enum value is one error line naming the field.</summary>
    public object? Read(FlatBufferTableView t) => Kind switch
    {
        TfliteOptionFieldKind.Int => t.Int(Slot, Name, (int)Fallback!),
        TfliteOptionFieldKind.Float => t.Float(Slot, Name, (float)Fallback!),
        TfliteOptionFieldKind.Bool => t.Bool(Slot, Name, (bool)Fallback!),
        TfliteOptionFieldKind.Ints => t.Ints(Slot, Name) is { } values ? StructuralList.Create<int>(values) : null,
        TfliteOptionFieldKind.String => t.String(Slot, Name),
        TfliteOptionFieldKind.Padding => ReadPadding(t),
        TfliteOptionFieldKind.Activation => ReadActivation(t),
        TfliteOptionFieldKind.TensorType => TfliteEnums.TensorType(t, Slot, Name),
        TfliteOptionFieldKind.WeightsFormat => ReadWeightsFormat(t),
        _ => throw new InvalidOperationException($"Field kind {Kind} has no reader."),
    };

    /// <summary>The library verifier's check of this field inside the table at <paramref name="at"/>.</summary>
    public bool Verify(Verifier verifier, uint at)
    {
        var vtableOffset = (short)(4 + (2 * Slot));
        return Kind switch
        {
            TfliteOptionFieldKind.Int or TfliteOptionFieldKind.Float => verifier.VerifyField(at, vtableOffset, 4, 4, false),
            TfliteOptionFieldKind.Ints => verifier.VerifyVectorOfData(at, vtableOffset, 4, false),
            TfliteOptionFieldKind.String => verifier.VerifyString(at, vtableOffset, false),
            _ => verifier.VerifyField(at, vtableOffset, 1, 1, false),
        };
    }

    /// <summary>
    /// Writes a vector or string value into the buffer (they must precede their table) and returns its offset;
    /// 0 for scalars and absent values.
    /// </summary>
    public int WriteOutOfLine(FlatBufferBuilder builder, TfliteBuiltinOptions options) => Kind switch
    {
        TfliteOptionFieldKind.Ints when Value(options) is StructuralList<int> values => TfliteVectors.Ints(builder, values),
        TfliteOptionFieldKind.String when Value(options) is string text => builder.CreateString(text).Value,
        _ => 0,
    };

    /// <summary>Adds the field to the open table; a value equal to the schema default is left out.</summary>
    public void Add(FlatBufferBuilder builder, TfliteBuiltinOptions options, int outOfLineOffset)
    {
        if (!InRecord)
        {
            return;
        }

        var value = Value(options);
        switch (Kind)
        {
            case TfliteOptionFieldKind.Int:
                builder.AddInt(Slot, (int)value!, (int)Fallback!);
                break;
            case TfliteOptionFieldKind.Float:
                builder.AddFloat(Slot, (float)value!, (float)Fallback!);
                break;
            case TfliteOptionFieldKind.Bool:
                builder.AddBool(Slot, (bool)value!, (bool)Fallback!);
                break;
            case TfliteOptionFieldKind.Ints or TfliteOptionFieldKind.String:
                builder.AddOffset(Slot, outOfLineOffset, 0);
                break;
            default:
                builder.AddSbyte(Slot, Convert.ToSByte(value, System.Globalization.CultureInfo.InvariantCulture), 0);
                break;
        }
    }

    /// <summary>
    /// The value for the dumps: enums by schema name (e.g. "RELU6"), vectors as int[], strings from the file as
    /// <see cref="TfliteOptionFields.FileText"/>, null when absent.
    /// </summary>
    public object? Display(TfliteBuiltinOptions options)
    {
        var value = Value(options);
        return Kind switch
        {
            TfliteOptionFieldKind.Padding => (TflitePadding)value! == TflitePadding.Same ? "SAME" : "VALID",
            TfliteOptionFieldKind.Activation => ActivationName((TfliteActivation)value!),
            TfliteOptionFieldKind.TensorType => TfliteOptionFields.TensorType((TfliteTensorType)value!),
            TfliteOptionFieldKind.Ints => (value as StructuralList<int>)?.ToArray(),
            TfliteOptionFieldKind.String => TfliteOptionFields.FileText.Of(value as string),
            _ => value,
        };
    }

    private object? Value(TfliteBuiltinOptions options) =>
        (get ?? throw new InvalidOperationException($"Field {Name} is not kept in {options.GetType().Name}."))(options);

    private TflitePadding ReadPadding(FlatBufferTableView t)
    {
        var value = t.SByte(Slot, Name);
        return Enum.IsDefined((TflitePadding)value)
            ? (TflitePadding)value
            : throw t.Fail(Name, $"padding {value} is not SAME (0) or VALID (1)");
    }

    private TfliteActivation ReadActivation(FlatBufferTableView t)
    {
        var value = t.SByte(Slot, Name);
        return Enum.IsDefined((TfliteActivation)value)
            ? (TfliteActivation)value
            : throw t.Fail(Name, $"activation {value} is not a known ActivationFunctionType");
    }

    private object? ReadWeightsFormat(FlatBufferTableView t)
    {
        var value = t.SByte(Slot, Name);
        return value == 0
            ? null
            : throw t.Fail(Name, $"weights format {value} (shuffled) is not supported, only DEFAULT (0)");
    }

    private static string ActivationName(TfliteActivation activation) =>
        (int)activation >= 0 && (int)activation < ActivationNames.Length ? ActivationNames[(int)activation] : activation.ToString();
}
