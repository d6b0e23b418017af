using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// Every oracle case imported from its .tflite and run through the int8 reference interpreter, the generated C (host
/// SIMD build and microcontroller scalar build, gcc with ASan + UBSan) and the generated C#: the output bytes equal
/// TFLite Micro's on every seeded input of the golden file.
/// </summary>
public class TflmOracleTests
{
    public static TheoryData<string> Cases() => new(OracleCaseFiles.WithGolden());

    public static TheoryData<string, int> CasesAndFlags()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in OracleCaseFiles.WithGolden())
        {
            for (var f = 0; f < OracleBackEnds.CFlagSets.Length; f++)
            {
                data.Add(name, f);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Interpreter_matches_TFLite_Micro(string name)
    {
        var (graph, golden) = Load(name);
        AssertSame(name, "interpreter", golden, OracleBackEnds.Interpreter(graph, golden));
    }

    [Theory]
    [MemberData(nameof(CasesAndFlags))]
    public void Generated_C_matches_TFLite_Micro(string name, int flagSet)
    {
        var (graph, golden) = Load(name);
        var flags = OracleBackEnds.CFlagSets[flagSet];
        AssertSame(name, $"C ({flags})", golden, OracleBackEnds.C(graph, golden, flags));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_CSharp_matches_TFLite_Micro(string name)
    {
        var (graph, golden) = Load(name);
        AssertSame(name, "C#", golden, OracleBackEnds.CSharp(graph, golden));
    }

    private static (IrGraph Graph, TflmGolden Golden) Load(string name)
    {
        var path = OracleCaseFiles.Model(name);
        var golden = TflmGolden.Read(OracleCaseFiles.Golden(name));
        Assert.True(golden.Cases.Count > 0, $"{name}: the golden file has no cases");
        return (TfliteImporter.Import(File.ReadAllBytes(path), path), golden);
    }

    private static void AssertSame(string name, string backEnd, TflmGolden golden, byte[][] actual)
    {
        Assert.Equal(golden.Cases.Count, actual.Length);
        for (var c = 0; c < actual.Length; c++)
        {
            var expected = golden.Cases[c].Outputs[0];
            Assert.True(
                expected.AsSpan().SequenceEqual(actual[c]),
                $"{name}, {backEnd}, case {golden.Cases[c].Index}: TFLite Micro {Convert.ToHexString(expected)}, ours {Convert.ToHexString(actual[c])}");
        }
    }
}
