using System.CommandLine;

namespace MicroBackbone.Cli.Commands;

/// <summary>The verbs <c>mbc</c> offers, in the order <c>--help</c> lists them.</summary>
internal static class CommandCatalog
{
    public static IEnumerable<Command> All()
    {
        yield return InfoCommand.Create();
        yield return TrainCommand.Create();
        yield return TestCommand.Create();
        yield return BenchmarkCommand.Create();
        yield return CompareCommand.Create();
        yield return PruneCommand.Create();
        yield return QuantizeCommand.Create();
        yield return CompileCommand.Create();
        yield return RunCommand.Create();
        yield return ProfileCommand.Create();
        yield return ExportCommand.Create();
    }
}
