namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// The fields of an options record under their schema names and with enum values spelled as in the schema
/// (e.g. fused_activation_function = "RELU6"), in schema order, for the text and JSON dumps.
/// </summary>
internal static class TfliteOptionFields
{
    /// <summary>Field name and value pairs; values are string (a schema name), <see cref="FileText"/>, int, bool, float or int[] (null when absent).</summary>
    public static IReadOnlyList<(string Name, object? Value)> Of(TfliteBuiltinOptions options) =>
        TfliteOptionsTables.Of(options).DumpFields(options);

    /// <summary>A string taken from the file (not a schema name): dumps quote it.</summary>
    /// <param name="Value">The text as stored.</param>
    public sealed record FileText(string Value)
    {
        /// <summary>The wrapped text, or null when the field is absent.</summary>
        public static FileText? Of(string? value) => value is null ? null : new FileText(value);
    }

    /// <summary>Schema name of a tensor type, e.g. "INT8".</summary>
    public static string TensorType(TfliteTensorType type) => TfliteSchemaNames.TensorType((int)type).Split(' ')[0];
}
