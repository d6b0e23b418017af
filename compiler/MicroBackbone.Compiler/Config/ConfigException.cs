using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Config;

/// <summary>A configuration file that is missing, malformed, or names a key or value we do not accept.</summary>
public sealed class ConfigException : MicroBackboneException
{
    /// <summary>Creates the error; <paramref name="message"/> already names the file, line and key.</summary>
    public ConfigException(string message, Exception? inner = null)
        : base(message, inner ?? new InvalidOperationException(message))
    {
    }
}
