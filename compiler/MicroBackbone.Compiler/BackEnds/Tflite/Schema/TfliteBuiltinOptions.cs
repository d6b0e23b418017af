namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// The options table of a builtin operator: one member of the schema's <c>BuiltinOptions</c> union. Each supported
/// table is a sealed record deriving from this one; field defaults follow the schema. The table's layout (slots,
/// schema names, kinds, defaults, which builtins take it) is described once in <see cref="TfliteOptionsTables"/>.
/// </summary>
public abstract record TfliteBuiltinOptions
{
    private protected TfliteBuiltinOptions()
    {
    }

    /// <summary>The schema's name of the options table, e.g. "Conv2DOptions".</summary>
    public string TableName => TypeId.ToString();

    /// <summary>The union type id stored in <c>Operator.builtin_options_type</c>.</summary>
    internal abstract TfliteOptionsTypeId TypeId { get; }
}
