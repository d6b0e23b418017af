using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>IR → .tflite → IR keeps the numbers: bit-identical int8 outputs, equal float outputs.</summary>
public class TfliteIrRoundTripTests
{
    public static TheoryData<string> Int8GraphNames() => new() { "tiny_net", "backbone", "wide_net", "explicit_pad" };

    [Theory]
    [MemberData(nameof(Int8GraphNames))]
    public void Int8_export_then_import_is_bit_identical_on_the_int8_evaluator(string name)
    {
        var source = TfliteIrTestModels.Int8Graphs().Single(g => g.Name == name);
        var imported = TfliteImporter.Import(TfliteExporter.Export(source), name + ".tflite");

        var input = imported.Tensor(imported.Inputs[0]);
        Assert.Equal(IrDataType.Int8, input.DataType);
        for (var seed = 0; seed < 4; seed++)
        {
            var x = CTestModels.RandomInput(input.ElementCount, seed);
            Assert.Equal(Int8GraphEvaluator.Run(source, x), Int8GraphEvaluator.Run(imported, x));
        }
    }

    [Theory]
    [MemberData(nameof(Int8GraphNames))]
    public void Depthwise_forms_of_shift_and_hard_sigmoid_are_bit_exact_on_the_int8_kernels(string name)
    {
        // Imported without pattern recovery, the one-hot and hard-sigmoid depthwise convolutions run on the int8
        // spec's DepthwiseConv2D kernel, i.e. with TFLite's own arithmetic.
        var source = TfliteIrTestModels.Int8Graphs().Single(g => g.Name == name);
        var model = TfliteReader.Read(TfliteExporter.Export(source), name + ".tflite");
        var raw = TfliteImporter.Import(model, name + ".tflite", restorePatterns: false);
        Assert.DoesNotContain(raw.Operators, o => o.Kind is IrOpKind.Shift or IrOpKind.HardSigmoid);
        Assert.Equal(
            source.Operators.Count(o => o.Kind is IrOpKind.Shift or IrOpKind.HardSigmoid),
            raw.Operators.Count(o => o.Kind == IrOpKind.DepthwiseConv2D) - source.Operators.Count(o => o.Kind == IrOpKind.DepthwiseConv2D));

        var input = raw.Tensor(raw.Inputs[0]);
        for (var seed = 10; seed < 14; seed++)
        {
            var x = CTestModels.RandomInput(input.ElementCount, seed);
            Assert.Equal(Int8GraphEvaluator.Run(source, x), Int8GraphEvaluator.Run(raw, x));
        }
    }

    [Fact]
    public void Shift_depthwise_form_reproduces_every_cell_including_the_zero_point_border()
    {
        // Checks the intermediate tensor itself (not only a downstream result): a graph whose output is the shift.
        var b = new IrGraphBuilder("shift_only");
        var x = b.Input("x", new[] { 1, 5, 4, 9 }, IrDataType.Int8, QuantParams.PerTensor(0.05f, 17));
        // Eight 3x3 neighbours (and the centre) plus one 2-cell offset, which widens the kernel to 5x5.
        var offsets = Enumerable.Range(0, 9).Select(c => c < 8 ? new ShiftOffset((c % 3) - 1, (c / 3) - 1) : new ShiftOffset(2, -2)).ToArray();
        var graph = b.Output(b.Shift(x, offsets, "shift")).Build();
        var raw = TfliteImporter.Import(TfliteReader.Read(TfliteExporter.Export(graph), "s.tflite"), "s.tflite", restorePatterns: false);
        Assert.Equal(IrOpKind.DepthwiseConv2D, Assert.Single(raw.Operators).Kind);
        for (var seed = 0; seed < 3; seed++)
        {
            var input = CTestModels.RandomInput(5 * 4 * 9, seed);
            var expected = Int8GraphEvaluator.Run(graph, input);
            Assert.Equal(expected, Int8GraphEvaluator.Run(raw, input));
            Assert.Contains(expected, v => v == 17);
        }
    }

    [Fact]
    public void Float_depthwise_forms_match_within_one_ulp()
    {
        var source = TfliteIrTestModels.Float(withHardSigmoid: true);
        var raw = TfliteImporter.Import(TfliteReader.Read(TfliteExporter.Export(source), "f.tflite"), "f.tflite", restorePatterns: false);
        Assert.DoesNotContain(raw.Operators, o => o.Kind is IrOpKind.Shift or IrOpKind.HardSigmoid);
        var x = TfliteIrTestModels.RandomFloats(7 * 7 * 3, 2);
        var expected = Run(source, x);
        var actual = Run(raw, x);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6f);
        }
    }

    [Fact]
    public void Shift_and_hard_sigmoid_come_back_as_themselves()
    {
        var source = TfliteIrTestModels.Wide();
        var imported = TfliteImporter.Import(TfliteExporter.Export(source), "wide.tflite");
        Assert.Contains(imported.Operators, o => o.Kind == IrOpKind.HardSigmoid && o.Name == "se.gate");

        var tiny = CTestModels.Tiny();
        var shift = tiny.Operators.Single(o => o.Kind == IrOpKind.Shift);
        var back = TfliteImporter.Import(TfliteExporter.Export(tiny), "tiny.tflite").Operators.Single(o => o.Kind == IrOpKind.Shift);
        Assert.Equal(shift.Attributes, back.Attributes);
        Assert.Equal(tiny.ClassNames, TfliteImporter.Import(TfliteExporter.Export(tiny), "tiny.tflite").ClassNames);
        Assert.Equal("block.shift", back.Name);
    }

    [Fact]
    public void Kept_float_edges_round_trip_as_quantize_and_dequantize()
    {
        var source = TfliteIrTestModels.Wide();
        var imported = TfliteImporter.Import(TfliteExporter.Export(source, new TfliteExportOptions(KeepFloatEdges: true)), "wide.tflite");

        Assert.Equal(IrDataType.Float32, imported.Tensor(imported.Inputs[0]).DataType);
        Assert.Equal(IrDataType.Float32, imported.Tensor(imported.Outputs[0]).DataType);
        Assert.Equal(IrOpKind.Quantize, imported.Operators[0].Kind);
        Assert.Equal(IrOpKind.Dequantize, imported.Operators[^1].Kind);
        var x = CTestModels.RandomInput(9 * 9 * 4, 5);
        Assert.Equal(Int8GraphEvaluator.Run(source, x), Int8GraphEvaluator.Run(imported, x));
    }

    [Fact]
    public void Float_export_then_import_gives_equal_outputs()
    {
        var source = TfliteIrTestModels.Float();
        var imported = TfliteImporter.Import(TfliteExporter.Export(source), "float.tflite");
        Assert.Contains(imported.Operators, o => o.Kind == IrOpKind.Shift);
        for (var seed = 0; seed < 3; seed++)
        {
            var x = TfliteIrTestModels.RandomFloats(7 * 7 * 3, seed);
            Assert.Equal(Run(source, x), Run(imported, x));
        }
    }

    [Fact]
    public void Float_hard_sigmoid_exports_as_depthwise_relu6_and_mul_and_comes_back_as_itself()
    {
        var source = TfliteIrTestModels.Float(withHardSigmoid: true);
        var bytes = TfliteExporter.Export(source);
        var model = MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteReader.Read(bytes, "float.tflite");
        Assert.Contains(model.OperatorCodes, c => c.BuiltinCode == MicroBackbone.Compiler.BackEnds.Tflite.Schema.TfliteBuiltinOperator.Mul);

        var imported = TfliteImporter.Import(bytes, "float.tflite");
        Assert.Equal(source.Operators.Select(o => o.Kind), imported.Operators.Select(o => o.Kind));
        var x = TfliteIrTestModels.RandomFloats(7 * 7 * 3, 1);
        Assert.Equal(Run(source, x), Run(imported, x));
    }

    private static float[] Run(IrGraph graph, float[] x) => new FloatInterpreter(graph).Run(new[] { x })[0];
}
