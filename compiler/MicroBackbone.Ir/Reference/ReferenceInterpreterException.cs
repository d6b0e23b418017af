namespace MicroBackbone.Ir.Reference;

/// <summary>
/// A graph or input the reference interpreter cannot run: a non-float32 tensor, an operator kind it has no float
/// kernel for, or inputs of the wrong count or size. The message names the graph and the tensor or operator.
/// </summary>
public sealed class ReferenceInterpreterException : MicroBackboneException
{
    /// <summary>Creates the error with a complete message.</summary>
    public ReferenceInterpreterException(string message)
        : base(message)
    {
    }
}
