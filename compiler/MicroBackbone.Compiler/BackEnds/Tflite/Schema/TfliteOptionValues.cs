namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>The checked values of one options table as read, by slot, for building its record.</summary>
internal readonly struct TfliteOptionValues
{
    private readonly object?[] values;

    /// <summary>Wraps values indexed by slot.</summary>
    public TfliteOptionValues(object?[] values)
    {
        this.values = values;
    }

    /// <summary>An int field.</summary>
    public int Int(int slot) => (int)values[slot]!;

    /// <summary>A float field.</summary>
    public float Float(int slot) => (float)values[slot]!;

    /// <summary>A bool field.</summary>
    public bool Bool(int slot) => (bool)values[slot]!;

    /// <summary>An int vector field, null when absent.</summary>
    public StructuralList<int>? Ints(int slot) => (StructuralList<int>?)values[slot];

    /// <summary>A string field, null when absent.</summary>
    public string? String(int slot) => (string?)values[slot];

    /// <summary>A Padding field.</summary>
    public TflitePadding Padding(int slot) => (TflitePadding)values[slot]!;

    /// <summary>An ActivationFunctionType field.</summary>
    public TfliteActivation Activation(int slot) => (TfliteActivation)values[slot]!;

    /// <summary>A TensorType field.</summary>
    public TfliteTensorType TensorType(int slot) => (TfliteTensorType)values[slot]!;
}
