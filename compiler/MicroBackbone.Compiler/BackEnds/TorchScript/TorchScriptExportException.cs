using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.TorchScript;

/// <summary>A graph the TorchScript back end cannot express (int8, or an operator or attribute it lacks).</summary>
public sealed class TorchScriptExportException : MicroBackboneException
{
    /// <summary>Creates the error with a complete, user-facing message.</summary>
    public TorchScriptExportException(string message)
        : base(message)
    {
    }
}
