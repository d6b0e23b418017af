using MicroBackbone.Cli;

namespace MicroBackbone.Compiler.Tests.Cli;

/// <summary>Tests that swap the process-wide Console writers; they run one at a time, never beside each other.</summary>
[CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
public sealed class ConsoleCollection
{
}

/// <summary>Runs <c>mbc</c> in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Output, string Error) Run(params string[] args)
    {
        TextWriter originalOut = Console.Out;
        TextWriter originalError = Console.Error;
        // Not disposed: a Spectre progress display (compare, train) refreshes from its own thread, which can write
        // once more after Main returns; a closed writer would make that an unhandled exception in the test host.
        var output = new StringWriter();
        var error = new StringWriter();
        Console.SetOut(output);
        Console.SetError(error);
        try
        {
            int exit = Program.Main(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }
}
