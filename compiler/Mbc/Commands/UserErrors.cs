using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// The one place that turns failures into what the user sees. A user mistake (<see cref="MicroBackboneException"/>)
/// is one <c>error:</c> line and exit code 1. Anything else that escapes is a bug in mbc: one line saying so and
/// asking for a report, exit code 2, never a raw stack trace (set <c>MBC_DEBUG=1</c> to see the trace).
/// While the verb runs, the files it reads are recorded so that its outputs never overwrite them.
/// </summary>
internal static class UserErrors
{
    /// <summary>Exit code of a user mistake.</summary>
    public const int UserMistake = 1;

    /// <summary>Exit code of an unexpected failure (a bug in mbc).</summary>
    public const int InternalError = 2;

    public static int Run(Func<int> action)
    {
        using IDisposable inputs = CommandInputs.BeginCommand();
        try
        {
            return action();
        }
        catch (MicroBackboneException e)
        {
            Console.Error.WriteLine(ErrorLine(e));
            return UserMistake;
        }
        catch (Exception e)
        {
            return ReportBug(e);
        }
    }

    /// <summary>
    /// The one line a user mistake prints. Messages quote what was read (a YAML value, a key, a name in a model
    /// file), which may hold newlines or terminal escapes: those become <c>?</c> so the error stays one line.
    /// </summary>
    public static string ErrorLine(MicroBackboneException e) => "error: " + Rendering.PrintableText.Of(e.Message);

    /// <summary>Prints the one-line bug report request for <paramref name="e"/> and returns <see cref="InternalError"/>.</summary>
    public static int ReportBug(Exception e)
    {
        Console.Error.WriteLine(
            $"error: internal error ({e.GetType().Name}: {OneLine(e.Message)}). This is a bug in mbc; please report it " +
            "with the command line and input files that caused it (MBC_DEBUG=1 prints the stack trace).");
        if (Environment.GetEnvironmentVariable("MBC_DEBUG") is "1" or "true")
        {
            Console.Error.WriteLine(e.ToString());
        }
        return InternalError;
    }

    /// <summary>The first line of <paramref name="message"/> (native libraries append their own traces).</summary>
    private static string OneLine(string message)
    {
        int end = message.IndexOfAny(['\r', '\n']);
        return end < 0 ? message : message[..end];
    }
}
