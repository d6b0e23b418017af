namespace MicroBackbone.Ir.Format;

/// <summary>
/// A <c>.mbir</c> text that cannot be read: wrong format, unsupported version, corrupt JSON, bad base64, or data
/// that does not match its shape. The message names the source and the JSON path (e.g. <c>$.graph.tensors[3].data</c>).
/// </summary>
public sealed class MbirFormatException : MicroBackboneException
{
    /// <summary>Creates the error with a complete message.</summary>
    public MbirFormatException(string message, Exception? inner = null)
        : base(message, inner ?? new InvalidDataException(message))
    {
    }
}
