using MicroBackbone.Compiler.BackEnds.Tflite;
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
