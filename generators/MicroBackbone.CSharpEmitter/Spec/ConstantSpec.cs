using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>
/// A constant array the generated class embeds as RVA static data. <see cref="Identifier"/> is already a sanitized,
/// unique C# identifier; <see cref="Description"/> is model text for a comment (escaped by the emitter).
/// </summary>
internal abstract record ConstantSpec(string Identifier, string Description)
{
    /// <summary>Number of elements.</summary>
    public abstract int Count { get; }
}

/// <summary>int8 values (weights).</summary>
internal sealed record Int8ConstantSpec(string Identifier, string Description, EquatableArray<sbyte> Values)
    : ConstantSpec(Identifier, Description)
{
    /// <inheritdoc />
    public override int Count => Values.Count;
}

/// <summary>int32 values (biases, per-channel multipliers and shifts, shift offsets).</summary>
internal sealed record Int32ConstantSpec(string Identifier, string Description, EquatableArray<int> Values)
    : ConstantSpec(Identifier, Description)
{
    /// <inheritdoc />
    public override int Count => Values.Count;
}

/// <summary>int16 values (SVDF time weights).</summary>
internal sealed record Int16ConstantSpec(string Identifier, string Description, EquatableArray<short> Values)
    : ConstantSpec(Identifier, Description)
{
    /// <inheritdoc />
    public override int Count => Values.Count;
}
