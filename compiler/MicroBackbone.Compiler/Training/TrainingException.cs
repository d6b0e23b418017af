using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Training;

/// <summary>A training option or setup the user chose that cannot work (e.g. zero epochs, unknown optimizer).</summary>
public sealed class TrainingException : MicroBackboneException
{
    /// <summary>Creates the error; <paramref name="message"/> names the option and what was expected.</summary>
    public TrainingException(string message)
        : base(message, new InvalidOperationException(message))
    {
    }
}
