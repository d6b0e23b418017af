using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter;

/// <summary>
/// The model cannot be written as C#: an operator or tensor the generated code does not support (float graph,
/// per-channel activation, unsupported operator), or an invalid namespace/class name. The message names the operator
/// or tensor and what was expected.
/// </summary>
public sealed class CSharpEmitException : MicroBackboneException
{
    /// <summary>Creates the exception with a message naming the place and what was expected.</summary>
    public CSharpEmitException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the int8 spec's refusal (e.g. a pooling window over padding only).</summary>
    public CSharpEmitException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
