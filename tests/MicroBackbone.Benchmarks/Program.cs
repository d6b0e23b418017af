using BenchmarkDotNet.Running;

namespace MicroBackbone.Benchmarks;

/// <summary>Runs the benchmarks the command line selects (e.g. <c>--filter '*'</c>).</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
