using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Optimization.Pruning;

/// <summary>A pruning request that cannot be honoured (ratio out of range, quantized input, unsupported arch).</summary>
public sealed class PruningException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public PruningException(string message)
        : base(message)
    {
    }
}
