namespace MicroBackbone.Ir.Int8;

/// <summary>
/// Quantization parameters that the int8 spec cannot honour (a scale that is not positive, a range that excludes
/// zero, an output quantization an operator requires to be fixed). The message names the operator and the value.
/// </summary>
public sealed class QuantizationException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public QuantizationException(string message)
        : base(message)
    {
    }
}
