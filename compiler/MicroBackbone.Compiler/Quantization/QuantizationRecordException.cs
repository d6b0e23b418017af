using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Quantization;

/// <summary>A checkpoint's quantization metadata cannot be read.</summary>
public sealed class QuantizationRecordException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public QuantizationRecordException(string message)
        : base(message)
    {
    }
}
