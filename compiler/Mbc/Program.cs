using System.CommandLine;
using System.CommandLine.Parsing;
using MicroBackbone.Cli.Commands;

namespace MicroBackbone.Cli;

/// <summary>Entry point of <c>mbc</c>: wires one command per verb (see <c>Commands/</c>).</summary>
public static class Program
{
    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        try
        {
            var root = new RootCommand("mbc: the MicroBackbone model compiler. Tiny CNNs to static C, TFLite, ONNX and C#.");
            foreach (Command command in CommandCatalog.All())
            {
                root.Subcommands.Add(command);
            }
            ParseResult parse = root.Parse(args);
            if (parse.Errors.Count > 0)
            {
                return CommandLineMistake(parse);
            }
            return parse.Invoke();
        }
        catch (Exception e)
        {
            return UserErrors.ReportBug(e);
        }
    }

    /// <summary>
    /// A command-line mistake (unknown flag, bad value, missing option): the first problem as one <c>error:</c> line
    /// and where to read the usage, instead of the whole help.
    /// </summary>
    private static int CommandLineMistake(ParseResult parse)
    {
        string usage = parse.CommandResult.Command is RootCommand ? "mbc --help" : $"mbc {parse.CommandResult.Command.Name} --help";
        string problem;
        if (parse.UnmatchedTokens.Count > 0)
        {
            Command command = parse.CommandResult.Command;
            string token = parse.UnmatchedTokens[0];
            bool option = token.StartsWith('-');
            problem = option ? $"unknown option '{token}'" : $"unexpected argument '{token}'";
            IEnumerable<string> known = option
                ? command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal))
                : command.Subcommands.Select(c => c.Name);
            if (SpellingSuggestion.Closest(token, known) is { } meant)
            {
                problem += $" (did you mean '{meant}'?)";
            }
        }
        else
        {
            // System.CommandLine lists allowed values on lines of their own; one line reads them as a list.
            string[] lines = parse.Errors[0].Message.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            problem = string.Join(' ', lines).TrimEnd('.');
        }
        Console.Error.WriteLine($"error: {problem}; see '{usage}'");
        return UserErrors.UserMistake;
    }
}
