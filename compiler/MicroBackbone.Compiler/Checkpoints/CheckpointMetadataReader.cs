using System.Collections;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>Reads the <c>metadata</c> dict of one of our checkpoints strictly: each field present with its type.</summary>
internal static class CheckpointMetadataReader
{
    /// <summary>
    /// The largest channel count, height or width accepted in <c>input_shape</c>: far above what a microcontroller
    /// model sees, and small enough that every activation size stays within 32-bit arithmetic downstream.
    /// </summary>
    public const int MaxInputSide = 4096;

    public static CheckpointMetadata Read(Hashtable meta, string path)
    {
        long version = Integer(meta, "format_version", path);
        if (version > CheckpointLayout.FormatVersion)
        {
            throw new CheckpointException(
                $"{path}: metadata.format_version is {version}; this build reads up to {CheckpointLayout.FormatVersion}, "
                + "update MicroBackbone to read it");
        }

        if (meta["input_shape"] is not ArrayList { Count: 3 } shape
            || !shape.Cast<object?>().All(d => CheckpointValues.TryGetInteger(d, out long v) && v > 0 && v <= MaxInputSide))
        {
            throw new CheckpointException(
                $"{path}: metadata.input_shape must be a list of 3 ints [C, H, W], each from 1 to {MaxInputSide}");
        }
        var input = new InputShape(ToInt(shape[0]), ToInt(shape[1]), ToInt(shape[2]));

        long classes = Integer(meta, "num_classes", path);
        if (classes <= 0 || classes > int.MaxValue)
        {
            throw new CheckpointException($"{path}: metadata.num_classes is {classes}; expected a positive int");
        }

        string? quantization = null;
        if (meta.ContainsKey("quantization"))
        {
            quantization = Text(meta, "quantization", path);
        }

        var extras = new SortedDictionary<string, object>(StringComparer.Ordinal);
        if (meta["extras"] is Hashtable stored)
        {
            foreach (DictionaryEntry entry in stored)
            {
                if (entry.Key is not string key || CheckpointValues.FromPickled(entry.Value) is not { } value)
                {
                    throw new CheckpointException(
                        $"{path}: metadata.extras['{entry.Key}'] is not a string, int, float or bool");
                }
                extras[key] = value;
            }
        }
        else if (meta.ContainsKey("extras"))
        {
            throw new CheckpointException($"{path}: metadata.extras must be a dict");
        }

        return new CheckpointMetadata(
            Text(meta, "arch", path),
            Text(meta, "variant", path),
            (int)classes,
            input,
            Text(meta, "config_yaml", path))
        {
            QuantizationJson = quantization,
            Extras = extras,
        };
    }

    private static int ToInt(object? value)
    {
        CheckpointValues.TryGetInteger(value, out long result);
        return (int)result;
    }

    private static string Text(Hashtable meta, string key, string path) =>
        meta[key] as string ?? throw new CheckpointException($"{path}: metadata.{key} is missing or not a string");

    private static long Integer(Hashtable meta, string key, string path) =>
        CheckpointValues.TryGetInteger(meta[key], out long value)
            ? value
            : throw new CheckpointException($"{path}: metadata.{key} is missing or not an int");
}
