using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>
/// An IR graph that cannot be expressed in TFLite, or a TFLite model whose operators or options the IR cannot
/// represent. The message names the operator (index and kind), the file or graph, and what was expected.
/// </summary>
public sealed class TfliteConversionException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public TfliteConversionException(string message)
        : base(message)
    {
    }
}
