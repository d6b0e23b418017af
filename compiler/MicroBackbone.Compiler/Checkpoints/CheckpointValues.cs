namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// The plain values a checkpoint's metadata may hold, so that PyTorch's <c>weights_only=True</c> loader accepts them:
/// strings, 64-bit ints, doubles and bools.
/// </summary>
internal static class CheckpointValues
{
    /// <summary>Widens ints to long and floats to double; rejects anything PyTorch's safe loader would refuse.</summary>
    public static object NormalizeExtra(string key, object value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return value switch
        {
            string or bool or long or double => value,
            int i => (long)i,
            short s => (long)s,
            byte b => (long)b,
            float f => (double)f,
            _ => throw new ArgumentException(
                $"checkpoint extra '{key}' has type {value?.GetType().Name ?? "null"}; expected string, integer, floating-point number or bool",
                nameof(value)),
        };
    }

    /// <summary>
    /// Converts a value read back from a pickle (ints arrive as int or long) to an extra, or null when the value is
    /// not a plain scalar (a dict, a list, a tensor), which callers skip.
    /// </summary>
    public static object? FromPickled(object? value) => value switch
    {
        string or bool or long or double => value,
        int i => (long)i,
        _ => null,
    };

    /// <summary>Reads an integer that the unpickler may have produced as int or long.</summary>
    public static bool TryGetInteger(object? value, out long result)
    {
        switch (value)
        {
            case int i:
                result = i;
                return true;
            case long l:
                result = l;
                return true;
            default:
                result = 0;
                return false;
        }
    }
}
