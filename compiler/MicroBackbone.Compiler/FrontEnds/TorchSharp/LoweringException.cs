using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.FrontEnds.TorchSharp;

/// <summary>
/// A model cannot be lowered into the IR: its architecture is not one the TorchSharp front end knows, or one of its
/// layers (named by module path, e.g. <c>features.0.1</c>) has no IR operator.
/// </summary>
public sealed class LoweringException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public LoweringException(string message)
        : base(message)
    {
    }
}
