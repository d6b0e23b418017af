using System.CommandLine;
using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// Refuses a flag the user typed that the verb would not use in this combination (one <c>error:</c> line saying
/// why), so that no flag is ever silently ignored.
/// </summary>
internal static class UnusedFlags
{
    /// <summary>True when <paramref name="option"/> was typed (not just filled in by its default).</summary>
    public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    /// <summary>Throws naming the first typed option of <paramref name="options"/> and <paramref name="why"/>.</summary>
    public static void Refuse(ParseResult parse, string why, params Option[] options)
    {
        if (options.FirstOrDefault(o => Given(parse, o)) is { } given)
        {
            throw new ConfigException($"{given.Name}: {why}");
        }
    }
}
