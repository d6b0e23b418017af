using System.Globalization;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Edges;

/// <summary>
/// A golden text written by the TFLite Micro host runner (kept outside the repository): the model's edge types and,
/// per seeded case, the raw bytes of every input and of every output TFLite Micro's reference kernels computed.
/// </summary>
internal sealed record TflmGoldenFile(IReadOnlyList<string> InputTypes, IReadOnlyList<string> OutputTypes, long ArenaUsedBytes, IReadOnlyList<TflmGoldenCase> Cases)
{
    public static TflmGoldenFile Read(string path)
    {
        var inputs = new List<string>();
        var outputs = new List<string>();
        var cases = new List<TflmGoldenCase>();
        long arena = 0;
        List<byte[]>? caseInputs = null, caseOutputs = null;
        foreach (var raw in File.ReadAllLines(path))
        {
            var f = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length == 0 || f[0].StartsWith('#'))
            {
                continue;
            }

            switch (f[0])
            {
                case "input":
                    inputs.Add(f[2]);
                    break;
                case "output":
                    outputs.Add(f[2]);
                    break;
                case "arena_used_bytes":
                    arena = long.Parse(f[1], CultureInfo.InvariantCulture);
                    break;
                case "case":
                    caseInputs = new List<byte[]>();
                    caseOutputs = new List<byte[]>();
                    cases.Add(new TflmGoldenCase(int.Parse(f[1], CultureInfo.InvariantCulture), caseInputs, caseOutputs));
                    break;
                case "in":
                    caseInputs!.Add(Convert.FromHexString(f[2]));
                    break;
                case "out":
                    caseOutputs!.Add(Convert.FromHexString(f[2]));
                    break;
            }
        }

        return new TflmGoldenFile(inputs, outputs, arena, cases);
    }
}

/// <summary>One seeded case: raw bytes per input and per output, in the model's order.</summary>
internal sealed record TflmGoldenCase(int Index, IReadOnlyList<byte[]> Inputs, IReadOnlyList<byte[]> Outputs);
