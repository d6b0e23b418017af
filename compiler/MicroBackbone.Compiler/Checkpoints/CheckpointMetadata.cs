namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// What a checkpoint says about the model its weights belong to. Stored next to the state dict as plain values
/// (strings, ints, floats, bools, a list), so PyTorch reads it with <c>torch.load(path, weights_only=True)</c>.
/// </summary>
/// <param name="Arch">Architecture name, e.g. <c>edge_nano</c> or <c>resnet18</c>.</param>
/// <param name="Variant">Form of the weights within the architecture, e.g. <c>train</c> or <c>deploy</c>.</param>
/// <param name="NumClasses">Number of output classes of the classifier head.</param>
/// <param name="InputShape">Input image shape (C, H, W).</param>
/// <param name="ConfigYaml">The model config the weights were trained with, as YAML text.</param>
public sealed record CheckpointMetadata(
    string Arch,
    string Variant,
    int NumClasses,
    InputShape InputShape,
    string ConfigYaml)
{
    /// <summary>Quantization parameters as an opaque JSON string, or null for a float checkpoint.</summary>
    public string? QuantizationJson { get; init; }

    /// <summary>
    /// Free-form values such as <c>epoch</c> or <c>accuracy</c>. Values are <see cref="string"/>,
    /// <see cref="long"/> (ints are widened on read), <see cref="double"/> or <see cref="bool"/>. Keys are ordered
    /// ordinally so the written file does not depend on insertion order.
    /// </summary>
    public IReadOnlyDictionary<string, object> Extras { get; init; } = new SortedDictionary<string, object>(StringComparer.Ordinal);

    /// <summary>Returns a copy with <paramref name="key"/> set to <paramref name="value"/> in <see cref="Extras"/>.</summary>
    public CheckpointMetadata WithExtra(string key, object value)
    {
        var extras = new SortedDictionary<string, object>(StringComparer.Ordinal);
        foreach (var (k, v) in Extras)
        {
            extras[k] = v;
        }
        extras[key] = CheckpointValues.NormalizeExtra(key, value);
        return this with { Extras = extras };
    }
}
