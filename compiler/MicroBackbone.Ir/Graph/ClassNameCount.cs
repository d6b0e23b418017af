namespace MicroBackbone.Ir;

/// <summary>
/// A model's class names, when it carries any, must be one per output of its classifier: a model with 1 or 100,000
/// names for 10 outputs would print the wrong label (or none) for a class.
/// </summary>
public static class ClassNameCount
{
    /// <summary>
    /// The classes the first of <paramref name="outputs"/> gives (the last dimension of its tensor among
    /// <paramref name="tensors"/>), or null when there is no such tensor.
    /// </summary>
    public static int? Outputs(IEnumerable<IrTensor> tensors, IReadOnlyList<int> outputs)
    {
        if (outputs.Count == 0)
        {
            return null;
        }
        IrTensor? output = tensors.FirstOrDefault(t => t.Id == outputs[0]);
        return output is { Shape.Count: > 0 } ? output.Shape[output.Shape.Count - 1] : null;
    }

    /// <summary>
    /// The error message when <paramref name="names"/> class names do not fit <paramref name="outputs"/> outputs
    /// (no names fit any model), or null when they fit. <paramref name="source"/> is the file and
    /// <paramref name="field"/> where in it the names are.
    /// </summary>
    public static string? Mismatch(int names, int? outputs, string source, string field)
    {
        if (names == 0 || outputs is not { } count || names == count)
        {
            return null;
        }
        string noun = names == 1 ? "name" : "names";
        return $"{source}: {field} has {names} {noun} for {count} outputs; expected {count} (or none)";
    }
}
