using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Data;

/// <summary>A dataset file or folder that is missing, truncated, or not in the expected format.</summary>
public sealed class DatasetException : MicroBackboneException
{
    /// <summary>Creates the error; <paramref name="message"/> names the file and what was expected.</summary>
    public DatasetException(string message, Exception? inner = null)
        : base(message, inner ?? new InvalidOperationException(message))
    {
    }
}
