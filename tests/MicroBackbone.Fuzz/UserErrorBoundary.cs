using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;

namespace MicroBackbone.Fuzz;

/// <summary>
/// What <c>compiler/Mbc/Commands/UserErrors</c> does around every verb, as a fuzzing oracle: the read runs inside a
/// command scope; a <see cref="MicroBackboneException"/> is the expected outcome of a bad input (mbc prints it as one
/// <c>error:</c> line, exit 1). Anything else escapes and is a crash, as mbc would report it as an internal error
/// (exit 2). So is an error whose message is empty or spans lines, since the CLI promises one line.
/// </summary>
internal static class UserErrorBoundary
{
    /// <summary>Runs <paramref name="read"/>; returns the user error's message, or null when the input was read.</summary>
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
            if (string.IsNullOrWhiteSpace(e.Message) || e.Message.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                throw new InvalidOperationException($"the error line is empty or spans lines: \"{e.Message}\"", e);
            }
            return e.Message;
        }
    }
}
