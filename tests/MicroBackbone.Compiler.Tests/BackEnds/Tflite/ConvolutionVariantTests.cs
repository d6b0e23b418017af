using MicroBackbone.Compiler.BackEnds.C;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// The <see cref="ConvolutionVariantModels"/> files (depth multipliers, dilation, strides, odd sizes, negative zero
/// points) through the importer, the int8 interpreter, the generated C (gcc on the host, SIMD and scalar-core kernel
/// forms, sanitizers on) and the TFLite exporter. The C must equal the interpreter byte for byte.
/// </summary>
public class ConvolutionVariantTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var name in ConvolutionVariantModels.Names)
        {
            data.Add(name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Import_keeps_depth_multiplier_dilation_and_stride(string name)
    {
        var model = ConvolutionVariantModels.Case(name);
        var graph = TfliteImporter.Import(TfliteWriter.Write(model), name + ".tflite");
        var op = Assert.Single(graph.Operators);
        switch (model.Subgraphs[0].Operators[0].Options)
        {
            case TfliteDepthwiseConv2DOptions o:
                var dw = op.AttributesAs<DepthwiseConv2DAttributes>();
                Assert.Equal((o.DepthMultiplier, o.DilationH, o.DilationW, o.StrideH, o.StrideW), (dw.DepthMultiplier, dw.DilationH, dw.DilationW, dw.StrideH, dw.StrideW));
                break;
            case TfliteConv2DOptions o:
                var conv = op.AttributesAs<Conv2DAttributes>();
                Assert.Equal((o.DilationH, o.DilationW, o.StrideH, o.StrideW), (conv.DilationH, conv.DilationW, conv.StrideH, conv.StrideW));
                var (x, w) = (graph.Tensor(op.Inputs[0]).Shape, graph.Tensor(op.Inputs[1]).Shape);
                Assert.Equal(x[3] / w[3], conv.Groups);
                break;
            default:
                Assert.Fail($"unexpected options in {name}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Export_of_the_imported_graph_reimports_to_the_same_graph(string name)
    {
        var graph = TfliteImporter.Import(TfliteWriter.Write(ConvolutionVariantModels.Case(name)), name + ".tflite");
        var again = TfliteImporter.Import(TfliteExporter.Export(graph), name + "_exported.tflite");
        Assert.Equal(graph.Operators[0].Attributes, again.Operators[0].Attributes);
        for (var seed = 1; seed <= 3; seed++)
        {
            var input = CTestModels.RandomInput(graph.Tensor(graph.Inputs[0]).ElementCount, seed);
            Assert.Equal(Int8GraphEvaluator.Run(graph, input), Int8GraphEvaluator.Run(again, input));
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Generated_c_matches_the_int8_interpreter(string name)
    {
        var graph = TfliteImporter.Import(TfliteWriter.Write(ConvolutionVariantModels.Case(name)), name + ".tflite");
        var dir = CToolchain.TempDir("convvar");
        try
        {
            var summary = CBackEnd.Emit(graph, CTarget.C, dir);
            const string Sanitizers = "-O1 -fsanitize=address,undefined -fno-sanitize-recover=all";
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {Sanitizers} -o simd main.c model.c", dir);
            CToolchain.Check("gcc", $"{CToolchain.HostFlags} {Sanitizers} -DMB_SCALAR_CORE=1 -o scalar main.c model.c", dir);
            for (var seed = 1; seed <= 4; seed++)
            {
                var input = CTestModels.RandomInput(summary.InputBytes, seed);
                var path = Path.Combine(dir, $"input{seed}.bin");
                File.WriteAllBytes(path, input.Select(v => unchecked((byte)v)).ToArray());
                var expected = Int8GraphEvaluator.Run(graph, input).Select(v => (int)v).ToArray();
                Assert.True(expected.Distinct().Count() > 8, "the case's outputs should vary, not sit at a clamp");
                foreach (var program in new[] { "simd", "scalar" })
                {
                    var (code, stdout, stderr) = CToolchain.Run(Path.Combine(dir, program), path, dir);
                    Assert.True(code == 0, $"{program} exited {code}: {stderr}");
                    var actual = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take((int)summary.OutputBytes).Select(int.Parse).ToArray();
                    Assert.Equal(expected, actual);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
