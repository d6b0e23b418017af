using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// Compares a checkpoint's tensors with a module's state dict by key, shape and dtype, and words the differences
/// for one error line: counts per kind, then the first few differences in the module's key order.
/// </summary>
internal static class StateDictComparison
{
    private const int Shown = 5;

    /// <summary>Every difference, missing keys first, then shape or dtype mismatches, then unexpected keys.</summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyDictionary<string, Tensor> model, IReadOnlyDictionary<string, Tensor> checkpoint)
    {
        var missing = new List<string>();
        var mismatched = new List<string>();
        foreach (var (key, expected) in model)
        {
            if (!checkpoint.TryGetValue(key, out Tensor? actual))
            {
                missing.Add($"missing key '{key}' {Shape(expected.shape)}");
            }
            else if (!expected.shape.SequenceEqual(actual.shape))
            {
                mismatched.Add($"shape mismatch for '{key}': checkpoint {Shape(actual.shape)}, model {Shape(expected.shape)}");
            }
            else if (expected.dtype != actual.dtype)
            {
                mismatched.Add($"dtype mismatch for '{key}': checkpoint {actual.dtype}, model {expected.dtype}");
            }
        }
        IEnumerable<string> unexpected = checkpoint.Keys
            .Where(key => !model.ContainsKey(key))
            .Select(key => $"unexpected key '{key}' {Shape(checkpoint[key].shape)}");
        return [.. missing, .. mismatched, .. unexpected];
    }

    /// <summary>One line: <c>N differences: first; second; ... (and K more)</c>.</summary>
    public static string Describe(IReadOnlyList<string> differences)
    {
        string shown = string.Join("; ", differences.Take(Shown));
        string more = differences.Count > Shown ? $"; and {differences.Count - Shown} more" : "";
        return $"{differences.Count} difference{(differences.Count == 1 ? "" : "s")}: {shown}{more}";
    }

    private static string Shape(long[] shape) => $"[{string.Join(", ", shape)}]";
}
