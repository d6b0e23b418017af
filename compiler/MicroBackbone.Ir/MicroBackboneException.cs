namespace MicroBackbone.Ir;

/// <summary>
/// A mistake in what the user gave us (a file, a flag, a model): the CLI prints its message as one line and exits
/// non-zero, without a stack trace. Messages name the file, the place in it and what was expected.
/// </summary>
public class MicroBackboneException : Exception
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public MicroBackboneException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a complete, user-facing message and the low-level cause.</summary>
    public MicroBackboneException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
