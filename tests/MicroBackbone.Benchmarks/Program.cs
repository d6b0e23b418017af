using BenchmarkDotNet.Running;

namespace MicroBackbone.Benchmarks;

/// <summary>
/// Runs the benchmarks the command line selects (e.g. <c>--filter '*'</c>), or with <c>qdq-accuracy</c> first the
/// Fashion-MNIST comparison of ONNX Runtime on <c>model_int8.onnx</c> with the int8 reference interpreter, or with
/// <c>interleaved</c> the alternating latency comparison of the generated C# with ONNX Runtime int8.
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "qdq-accuracy")
        {
            return QdqAccuracy.Run(args[1..]);
        }
        if (args.Length > 0 && args[0] == "interleaved")
        {
            return InterleavedLatency.Run(args[1..]);
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
