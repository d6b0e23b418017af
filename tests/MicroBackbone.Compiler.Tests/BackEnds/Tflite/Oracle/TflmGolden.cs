using System.Globalization;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>One model input or output as TFLite Micro declared it.</summary>
/// <param name="Type">Element type as the runner names it: int8, int16, int32, float32, ...</param>
/// <param name="Shape">Dimensions.</param>
internal sealed record TflmTensorDeclaration(string Type, int[] Shape);

/// <summary>The raw bytes of every model input fed to TFLite Micro and of every output it returned.</summary>
internal sealed record TflmGoldenCase(int Index, byte[][] Inputs, byte[][] Outputs);

/// <summary>
/// A golden file written by the TFLite Micro oracle runner (reference kernels; see README.md beside this file):
/// the model's declared inputs and outputs, TFLite Micro's <c>arena_used_bytes</c>, and seeded cases.
/// </summary>
internal sealed record TflmGolden(
    IReadOnlyList<TflmTensorDeclaration> Inputs,
    IReadOnlyList<TflmTensorDeclaration> Outputs,
    long ArenaUsedBytes,
    IReadOnlyList<TflmGoldenCase> Cases)
{
    public static TflmGolden Read(string path)
    {
        var inputs = new List<TflmTensorDeclaration>();
        var outputs = new List<TflmTensorDeclaration>();
        var cases = new List<TflmGoldenCase>();
        long arena = -1;
        List<byte[]>? ins = null, outs = null;
        int index = -1;

        void Flush()
        {
            if (ins != null && outs != null)
            {
                cases.Add(new TflmGoldenCase(index, ins.ToArray(), outs.ToArray()));
            }
        }

        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (f[0])
            {
                case "inputs":
                    break;
                case "input":
                    inputs.Add(new TflmTensorDeclaration(f[2], f.Skip(3).Select(Int).ToArray()));
                    break;
                case "output":
                    outputs.Add(new TflmTensorDeclaration(f[2], f.Skip(3).Select(Int).ToArray()));
                    break;
                case "arena_used_bytes":
                    arena = long.Parse(f[1], CultureInfo.InvariantCulture);
                    break;
                case "case":
                    Flush();
                    index = Int(f[1]);
                    ins = [];
                    outs = [];
                    break;
                case "in":
                    ins!.Add(Convert.FromHexString(f.Length > 2 ? f[2] : string.Empty));
                    break;
                case "out":
                    outs!.Add(Convert.FromHexString(f.Length > 2 ? f[2] : string.Empty));
                    break;
                default:
                    throw new InvalidDataException($"{path}: unexpected line '{line}'");
            }
        }

        Flush();
        return new TflmGolden(inputs, outputs, arena, cases);
    }

    private static int Int(string s) => int.Parse(s, CultureInfo.InvariantCulture);
}
