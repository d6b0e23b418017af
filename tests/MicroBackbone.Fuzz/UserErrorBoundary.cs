using MicroBackbone.Cli.Commands;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;

namespace MicroBackbone.Fuzz;

/// <summary>
/// What <c>compiler/Mbc/Commands/UserErrors</c> does around every verb, as a fuzzing oracle: the read runs inside a
/// command scope; a <see cref="MicroBackboneException"/> is the expected outcome of a bad input, printed as the CLI
/// prints it (one <c>error:</c> line, exit 1). Anything else escapes and is a crash, as mbc would report it as an
/// internal error (exit 2); so is an error line that is empty or spans lines, since the CLI promises one line.
/// </summary>
internal static class UserErrorBoundary
{
    /// <summary>Runs <paramref name="read"/>; returns the error line mbc would print, or null when the input was read.</summary>
    public static string? Run(Action read)
    {
        using IDisposable inputs = CommandInputs.BeginCommand();
        try
        {
            read();
            return null;
        }
        catch (MicroBackboneException e)
        {
            string line = UserErrors.ErrorLine(e);
            if (line.Trim() == "error:" || line.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new InvalidOperationException($"the error line is empty or spans lines: \"{line}\"", e);
            }
            return line;
        }
    }
}
