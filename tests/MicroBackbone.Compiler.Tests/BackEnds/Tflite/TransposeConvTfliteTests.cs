using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// TRANSPOSE_CONV import (TFLite's SAME/VALID cuts, constant output_shape, refused 16x8 and non-constant shapes) and
/// export (re-imported, the exported file still gives TFLite Micro's golden bytes).
/// </summary>
public class TransposeConvTfliteTests
{
    public static TheoryData<string> Cases() => new(OracleCaseFiles.WithGolden().Where(n => n.StartsWith("tconv_", StringComparison.Ordinal)));

    [Fact]
    public void Import_takes_the_cuts_TFLite_computes_from_the_output_size()
    {
        // SAME, stride 2, 3x3, output 7: windowed size ceil(7 / 2) = 4, padding (4 - 1) * 2 + 3 - 7 = 2, so 1 at the top.
        var odd = Import(TransposeConvOracleCases.TransposeConv([1, 4, 4, 3], 3, 3, 4, 2, 2, TflitePadding.Same, [1, 7, 7, 4], true, TfliteActivation.Relu6, 20, -100));
        var op = Assert.Single(odd.Operators);
        Assert.Equal(IrOpKind.TransposeConv2D, op.Kind);
        Assert.Equal(new TransposeConv2DAttributes(2, 2, 1, 1, 7, 7, FusedActivation.Relu6), op.Attributes);
        Assert.Equal(3, op.Inputs.Count);

        // SAME, stride 2, output 8 = 2 x input: padding (4 - 1) * 2 + 3 - 8 = 1 rounds down to 0; VALID never cuts.
        var even = Import(TransposeConvOracleCases.TransposeConv([1, 4, 5, 3], 3, 3, 5, 2, 2, TflitePadding.Same, [1, 8, 10, 5], true, TfliteActivation.None, 7, -20));
        Assert.Equal(new TransposeConv2DAttributes(2, 2, 0, 0, 8, 10), Assert.Single(even.Operators).Attributes);
        var valid = Import(TransposeConvOracleCases.TransposeConv([1, 3, 4, 2], 4, 3, 3, 2, 2, TflitePadding.Valid, [1, 8, 9, 3], false, TfliteActivation.None, -128, -9));
        Assert.Equal(2, Assert.Single(valid.Operators).Inputs.Count);
        Assert.Equal(new TransposeConv2DAttributes(2, 2, 0, 0, 8, 9), valid.Operators[0].Attributes);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Exported_model_reimports_and_gives_TFLite_Micros_bytes(string name)
    {
        var graph = TfliteImporter.Import(File.ReadAllBytes(OracleCaseFiles.Model(name)), name + ".tflite");
        var exported = TfliteExporter.Export(graph);
        var again = TfliteImporter.Import(exported, name + "-exported.tflite");
        Assert.Equal(graph.Operators.Single().Attributes, again.Operators.Single().Attributes);
        var golden = TflmGolden.Read(OracleCaseFiles.Golden(name));
        var actual = OracleBackEnds.Interpreter(again, golden);
        for (var c = 0; c < actual.Length; c++)
        {
            Assert.Equal(OracleBackEnds.Joined(golden.Cases[c].Outputs), actual[c]);
        }
    }

    [Fact]
    public void A_non_constant_output_shape_is_refused_in_one_line()
    {
        var m = new ConverterStyleModels();
        var shape = m.Activation("output_shape", TfliteTensorType.Int32, [4]);
        var w = m.Int8Weights("w", [2, 3, 3, 1], 0);
        var x = m.Activation("x", TfliteTensorType.Int8, [1, 2, 2, 1], ConverterStyleModels.Q(0.1f, 0));
        var y = m.Activation("y", TfliteTensorType.Int8, [1, 4, 4, 2], ConverterStyleModels.Q(0.1f, 0));
        m.Op(TfliteBuiltinOperator.TransposeConv, [shape, w, x], y, new TfliteTransposeConvOptions(TflitePadding.Same, 2, 2), 2);
        var error = Assert.Throws<TfliteConversionException>(() => Import(m.Build([shape, x], [y]), "tconv.tflite"));
        Assert.Equal("tconv.tflite: operator #0 TRANSPOSE_CONV output_shape (input 0) is not a constant; only a constant output shape is supported", error.Message);
    }

    [Fact]
    public void A_16x8_transpose_conv_is_refused_naming_operator_and_type()
    {
        var m = new ConverterStyleModels();
        var shape = m.Int32s("output_shape", [4], 1, 4, 4, 2);
        var w = m.Int8Weights("w", [2, 3, 3, 1], 0);
        var x = m.Activation("x", TfliteTensorType.Int16, [1, 2, 2, 1], ConverterStyleModels.Q(0.001f, 0));
        var y = m.Activation("y", TfliteTensorType.Int16, [1, 4, 4, 2], ConverterStyleModels.Q(0.001f, 0));
        m.Op(TfliteBuiltinOperator.TransposeConv, [shape, w, x], y, new TfliteTransposeConvOptions(TflitePadding.Same, 2, 2), 3);
        var error = Assert.Throws<TfliteConversionException>(() => Import(m.Build([x], [y]), "tconv16.tflite"));
        Assert.StartsWith("tconv16.tflite: operator #0 TRANSPOSE_CONV has input type INT16; only INT8", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private static IrGraph Import(TfliteModel model, string file = "tconv.tflite") => TfliteImporter.Import(TfliteWriter.Write(model), file);
}
