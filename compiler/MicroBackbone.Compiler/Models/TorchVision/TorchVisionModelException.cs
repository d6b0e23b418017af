using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>A TorchVision architecture was asked for with an unknown name or an impossible setting.</summary>
public sealed class TorchVisionModelException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public TorchVisionModelException(string message)
        : base(message)
    {
    }
}
