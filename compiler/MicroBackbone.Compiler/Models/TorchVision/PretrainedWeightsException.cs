using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>Pretrained weights could not be found, read, or matched to the architecture.</summary>
public sealed class PretrainedWeightsException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public PretrainedWeightsException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with a complete, user-facing message and the low-level cause.</summary>
    public PretrainedWeightsException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
