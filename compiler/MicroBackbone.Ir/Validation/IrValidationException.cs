namespace MicroBackbone.Ir;

/// <summary>A malformed IR graph: the message names the graph, the operator or tensor, and what was expected.</summary>
public sealed class IrValidationException : MicroBackboneException
{
    /// <summary>Creates the error with a complete message.</summary>
    public IrValidationException(string message)
        : base(message)
    {
    }

    /// <summary>Error about operator <paramref name="index"/>: prefixes "operator #i Kind 'name': ".</summary>
    public static IrValidationException ForOperator(int index, IrOperator op, string what) =>
        new($"operator #{index} {op.Kind} '{op.Name}': {what}");
}
