using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// A checkpoint file that is missing, not a PyTorch zip checkpoint, damaged, or does not fit the model it is loaded
/// into. The message names the file and what was expected.
/// </summary>
public sealed class CheckpointException : MicroBackboneException
{
    /// <summary>Creates the error; <paramref name="message"/> already names the file.</summary>
    public CheckpointException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the error with the low-level cause (zip, pickle or TorchSharp failure).</summary>
    public CheckpointException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
