using Spectre.Console;

namespace MicroBackbone.Cli.Rendering;

/// <summary>
/// A Spectre console bound to <see cref="Console.Out"/> as it is now (not the writer <see cref="AnsiConsole"/> cached
/// at first use), at least 120 columns wide so tables never wrap in logs; redirection and in-process tests see it.
/// </summary>
internal static class StandardOutput
{
    public static IAnsiConsole Create(int minimumWidth = 120)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        console.Profile.Width = Math.Max(console.Profile.Width, minimumWidth);
        return console;
    }
}
