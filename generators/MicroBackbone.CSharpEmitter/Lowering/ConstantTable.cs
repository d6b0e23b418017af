using MicroBackbone.CSharpEmitter.Emitting;
using MicroBackbone.CSharpEmitter.Spec;
using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter.Lowering;

/// <summary>
/// Collects the constants of a model under unique, sanitized identifiers (<c>StemWeights</c>, <c>StemBias</c>...);
/// a tensor read by several operators is embedded once.
/// </summary>
internal sealed class ConstantTable
{
    // Members the emitter writes itself; a constant must never take one of these names.
    private static readonly string[] ReservedNames =
    {
        "ArenaBytes", "InputLength", "OutputLength", "InputScale", "InputZeroPoint", "OutputScale", "OutputZeroPoint",
        "InputShape", "OutputShape", "ClassNames", "Invoke", "InvokeFloat", "InvokeDeclared", "Predict", "ResetState", "NewState", "Run", "Arena", "StateLength", "Reset",
    };

    private readonly List<ConstantSpec> _constants = new();
    private readonly HashSet<string> _used = new(ReservedNames, StringComparer.Ordinal);
    private readonly Dictionary<int, string> _byTensor = new();

    /// <summary>The constants in first-use order.</summary>
    public IReadOnlyList<ConstantSpec> Constants => _constants;

    /// <summary>The identifier of an int8 tensor constant (weights).</summary>
    public string Int8Tensor(IrTensor tensor, string ownerName, string role) =>
        Tensor(tensor, ownerName, role, id => new Int8ConstantSpec(id, tensor.Describe(), new EquatableArray<sbyte>(tensor.ReadInt8())));

    /// <summary>The identifier of an int32 tensor constant (bias).</summary>
    public string Int32Tensor(IrTensor tensor, string ownerName, string role) =>
        Tensor(tensor, ownerName, role, id => new Int32ConstantSpec(id, tensor.Describe(), new EquatableArray<int>(tensor.ReadInt32())));

    /// <summary>The identifier of an int16 tensor constant (SVDF time weights).</summary>
    public string Int16Tensor(IrTensor tensor, string ownerName, string role) =>
        Tensor(tensor, ownerName, role, id => new Int16ConstantSpec(id, tensor.Describe(), new EquatableArray<short>(
            tensor.DataType == IrDataType.Int8 ? tensor.ReadInt8().Select(v => (short)v).ToList() : tensor.ReadInt16())));

    /// <summary>Adds computed int32 values (per-channel multipliers, shifts, offsets) and returns their identifier.</summary>
    public string Int32Values(IEnumerable<int> values, string ownerName, string role, string description)
    {
        var id = Unique(ownerName, role);
        _constants.Add(new Int32ConstantSpec(id, description, new EquatableArray<int>(values)));
        return id;
    }

    /// <summary>Adds computed int8 values (lookup tables) and returns their identifier.</summary>
    public string Int8Values(IEnumerable<sbyte> values, string ownerName, string role, string description)
    {
        var id = Unique(ownerName, role);
        _constants.Add(new Int8ConstantSpec(id, description, new EquatableArray<sbyte>(values)));
        return id;
    }

    private string Tensor(IrTensor tensor, string ownerName, string role, Func<string, ConstantSpec> create)
    {
        if (_byTensor.TryGetValue(tensor.Id, out var existing))
        {
            return existing;
        }

        var id = Unique(ownerName, role);
        _constants.Add(create(id));
        _byTensor.Add(tensor.Id, id);
        return id;
    }

    private string Unique(string ownerName, string role)
    {
        var stem = CSharpIdentifier.Pascal(ownerName, "Layer") + role;
        var candidate = stem;
        for (var n = 2; !_used.Add(candidate); n++)
        {
            candidate = stem + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}
