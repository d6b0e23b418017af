using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// A TFLite file that is truncated, corrupt, of another schema, or uses operators or options we do not support.
/// The message names the file and the place in it.
/// </summary>
public sealed class TfliteFormatException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public TfliteFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a complete, user-facing message and the low-level cause.</summary>
    public TfliteFormatException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
