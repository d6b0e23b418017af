using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>The graph cannot be emitted as C (an unsupported operator, type or layout); the message names the operator.</summary>
public sealed class CBackEndException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public CBackEndException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a complete, user-facing message and the low-level cause.</summary>
    public CBackEndException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
