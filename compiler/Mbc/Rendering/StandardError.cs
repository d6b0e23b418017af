using Spectre.Console;

namespace MicroBackbone.Cli.Rendering;

/// <summary>
/// A Spectre console bound to <see cref="Console.Error"/> as it is now, for progress that must stay out of standard
/// output (which may carry a report such as <c>mbc test --output json</c>). Interactive only on a terminal.
/// </summary>
internal static class StandardError
{
    public static IAnsiConsole Create() =>
        AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(Console.Error),
            Interactive = Console.IsErrorRedirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
}
