using System.CommandLine;
using MicroBackbone.Cli.Commands;

namespace MicroBackbone.Cli;

/// <summary>Entry point of <c>mbc</c>: wires one command per verb (see <c>Commands/</c>).</summary>
public static class Program
{
    /// <summary>Parses <paramref name="args"/>, runs the verb and returns the process exit code.</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("mbc: the MicroBackbone model compiler. Tiny CNNs to static C, TFLite, ONNX and C#.");
        foreach (Command command in CommandCatalog.All())
        {
            root.Subcommands.Add(command);
        }
        return root.Parse(args).Invoke();
    }
}
