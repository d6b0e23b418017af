using System.Collections;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// The object tree inside our checkpoints, and how we find the state dict in checkpoints others wrote.
/// Ours is <c>{"state_dict": {key: tensor}, "metadata": {...}}</c> where metadata holds <c>format</c>
/// (<see cref="FormatName"/>), <c>format_version</c>, <c>arch</c>, <c>variant</c>, <c>num_classes</c>,
/// <c>input_shape</c> ([C, H, W]), <c>config_yaml</c>, optionally <c>quantization</c> (a JSON string), and
/// <c>extras</c> (a dict of scalars). See docs/CHECKPOINTS.md.
/// </summary>
internal static class CheckpointLayout
{
    public const string StateDictKey = "state_dict";
    public const string MetadataKey = "metadata";
    public const string FormatName = "microbackbone.checkpoint";
    public const int FormatVersion = 1;

    /// <summary>Where common PyTorch training scripts put the weights inside a larger checkpoint dict.</summary>
    private static readonly string[] NestedStateDictKeys = [StateDictKey, "model_state_dict", "model"];

    /// <summary>Builds the tree <see cref="TorchZipWriter"/> writes.</summary>
    public static Dictionary<string, object> Build(IReadOnlyDictionary<string, Tensor> stateDict, CheckpointMetadata metadata)
    {
        ArgumentException.ThrowIfNullOrEmpty(metadata.Arch, nameof(metadata));
        ArgumentNullException.ThrowIfNull(metadata.Variant, nameof(metadata));
        ArgumentNullException.ThrowIfNull(metadata.ConfigYaml, nameof(metadata));
        var shape = metadata.InputShape;
        if (metadata.NumClasses <= 0 || shape.Channels <= 0 || shape.Height <= 0 || shape.Width <= 0)
        {
            // The reader refuses these, so refuse them before writing a file nobody can load.
            throw new ArgumentException(
                $"checkpoint metadata needs positive num_classes and input shape; got {metadata.NumClasses} and {shape}",
                nameof(metadata));
        }
        var tensors = new Dictionary<string, object>();
        foreach (var (key, tensor) in stateDict)
        {
            tensors[key] = tensor;
        }

        var meta = new Dictionary<string, object>
        {
            ["format"] = FormatName,
            ["format_version"] = (long)FormatVersion,
            ["arch"] = metadata.Arch,
            ["variant"] = metadata.Variant,
            ["num_classes"] = (long)metadata.NumClasses,
            ["input_shape"] = new List<object>
            {
                (long)metadata.InputShape.Channels,
                (long)metadata.InputShape.Height,
                (long)metadata.InputShape.Width,
            },
            ["config_yaml"] = metadata.ConfigYaml,
        };
        if (metadata.QuantizationJson != null)
        {
            meta["quantization"] = metadata.QuantizationJson;
        }
        var extras = new Dictionary<string, object>();
        foreach (var (key, value) in metadata.Extras.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            extras[key] = CheckpointValues.NormalizeExtra(key, value);
        }
        meta["extras"] = extras;

        return new Dictionary<string, object> { [StateDictKey] = tensors, [MetadataKey] = meta };
    }

    /// <summary>
    /// Finds the state dict and metadata in an unpickled checkpoint: ours, a plain PyTorch state dict, or a PyTorch
    /// training checkpoint holding the state dict under one of <see cref="NestedStateDictKeys"/>. For the latter two
    /// the metadata is <paramref name="defaults"/> (null if none) with the file's top-level scalars (epoch, accuracy,
    /// ...) added to its extras.
    /// </summary>
    public static (SortedDictionary<string, Tensor> StateDict, CheckpointMetadata? Metadata, bool Own) Interpret(
        Hashtable root, string path, CheckpointMetadata? defaults)
    {
        if (root[MetadataKey] is Hashtable meta && Equals(meta["format"], FormatName))
        {
            if (root[StateDictKey] is not Hashtable ours)
            {
                throw new CheckpointException($"{path}: '{StateDictKey}' is missing or not a dict of tensors");
            }
            return (Tensors(ours, path, StateDictKey), CheckpointMetadataReader.Read(meta, path), true);
        }

        if (root.Count > 0 && root.Values.Cast<object?>().All(value => value is Tensor))
        {
            return (Tensors(root, path, null), defaults, false);
        }

        foreach (string key in NestedStateDictKeys)
        {
            if (root[key] is Hashtable nested && nested.Count > 0 && nested.Values.Cast<object?>().All(v => v is Tensor))
            {
                return (Tensors(nested, path, key), WithFileScalars(defaults, root), false);
            }
        }

        string keys = string.Join(", ", root.Keys.Cast<object>().Select(k => $"'{k}'").Order(StringComparer.Ordinal));
        throw new CheckpointException(
            $"{path}: no state dict found (top-level keys: {(keys.Length == 0 ? "none" : keys)}); expected a dict of "
            + $"tensors, or a dict holding one under {string.Join(", ", NestedStateDictKeys.Select(k => $"'{k}'"))}");
    }

    private static SortedDictionary<string, Tensor> Tensors(Hashtable dict, string path, string? where)
    {
        var result = new SortedDictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dict)
        {
            string place = where == null ? $"'{entry.Key}'" : $"'{where}.{entry.Key}'";
            if (entry.Key is not string key || entry.Value is not Tensor tensor)
            {
                throw new CheckpointException(
                    $"{path}: state dict entry {place} is a {entry.Value?.GetType().Name ?? "None"}; expected a tensor");
            }
            result[key] = tensor;
        }
        return result;
    }

    private static CheckpointMetadata? WithFileScalars(CheckpointMetadata? defaults, Hashtable root)
    {
        if (defaults == null)
        {
            return null;
        }
        CheckpointMetadata result = defaults;
        foreach (DictionaryEntry entry in root)
        {
            if (entry.Key is string key && CheckpointValues.FromPickled(entry.Value) is { } value)
            {
                result = result.WithExtra(key, value);
            }
        }
        return result;
    }
}
