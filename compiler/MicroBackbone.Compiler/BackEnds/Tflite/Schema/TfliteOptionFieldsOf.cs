namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Declares the fields of options record <typeparamref name="T"/>, each with the property that keeps it.</summary>
/// <typeparam name="T">The options record.</typeparam>
internal sealed class TfliteOptionFieldsOf<T>
    where T : TfliteBuiltinOptions
{
    /// <summary>An int field with schema default <paramref name="fallback"/>.</summary>
    public TfliteOptionField Int(int slot, string name, Func<T, int> get, int fallback = 0) =>
        new(slot, name, TfliteOptionFieldKind.Int, fallback, o => get((T)o));

    /// <summary>A float field with schema default <paramref name="fallback"/>.</summary>
    public TfliteOptionField Float(int slot, string name, Func<T, float> get, float fallback = 0) =>
        new(slot, name, TfliteOptionFieldKind.Float, fallback, o => get((T)o));

    /// <summary>A bool field with schema default <paramref name="fallback"/>.</summary>
    public TfliteOptionField Bool(int slot, string name, Func<T, bool> get, bool fallback = false) =>
        new(slot, name, TfliteOptionFieldKind.Bool, fallback, o => get((T)o));

    /// <summary>An int vector field (absent is null).</summary>
    public TfliteOptionField Ints(int slot, string name, Func<T, StructuralList<int>?> get) =>
        new(slot, name, TfliteOptionFieldKind.Ints, null, o => get((T)o));

    /// <summary>A string field (absent is null).</summary>
    public TfliteOptionField String(int slot, string name, Func<T, string?> get) =>
        new(slot, name, TfliteOptionFieldKind.String, null, o => get((T)o));

    /// <summary>The <c>padding</c> field.</summary>
    public TfliteOptionField Padding(int slot, Func<T, TflitePadding> get) =>
        new(slot, "padding", TfliteOptionFieldKind.Padding, null, o => get((T)o));

    /// <summary>The <c>fused_activation_function</c> field.</summary>
    public TfliteOptionField Activation(int slot, Func<T, TfliteActivation> get) =>
        new(slot, "fused_activation_function", TfliteOptionFieldKind.Activation, null, o => get((T)o));

    /// <summary>A TensorType field.</summary>
    public TfliteOptionField TensorType(int slot, string name, Func<T, TfliteTensorType> get) =>
        new(slot, name, TfliteOptionFieldKind.TensorType, null, o => get((T)o));

    /// <summary>The <c>weights_format</c> field: checked to be DEFAULT on reading, never kept or written.</summary>
    public TfliteOptionField WeightsFormat(int slot) =>
        new(slot, "weights_format", TfliteOptionFieldKind.WeightsFormat, null, null);
}
