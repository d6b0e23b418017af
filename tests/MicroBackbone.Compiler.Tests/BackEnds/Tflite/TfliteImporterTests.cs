using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;
using static MicroBackbone.Compiler.Tests.BackEnds.Tflite.ConverterStyleModels;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>Import of converter-style models: every supported operator, SAME padding, shared buffers, unused tensors, errors.</summary>
public class TfliteImporterTests
{
    private static IrGraph Import(TfliteModel model, string file = "model.tflite") => TfliteImporter.Import(TfliteWriter.Write(model), file);

    [Fact]
    public void Every_supported_operator_imports_with_explicit_padding_and_fused_activations()
    {
        var g = Import(EveryOperator());

        Assert.Equal(
            new[]
            {
                IrOpKind.Quantize, IrOpKind.Conv2D, IrOpKind.DepthwiseConv2D, IrOpKind.AveragePool2D, IrOpKind.MaxPool2D, IrOpKind.Pad,
                IrOpKind.Add, IrOpKind.Sigmoid, IrOpKind.Mul, IrOpKind.HardSwish, IrOpKind.Relu, IrOpKind.Relu6,
                IrOpKind.GlobalAveragePool, IrOpKind.Reshape, IrOpKind.FullyConnected, IrOpKind.Reshape, IrOpKind.Softmax, IrOpKind.Dequantize,
            },
            g.Operators.Select(o => o.Kind).ToArray());
        Assert.Equal(new Conv2DAttributes(2, 2, new Padding2D(0, 0, 1, 1), Activation: FusedActivation.Relu), g.Operators[1].Attributes);
        Assert.Equal(new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(1), Activation: FusedActivation.Relu6), g.Operators[2].Attributes);
        Assert.Equal(new Pool2DAttributes(3, 3, 1, 1, Padding2D.Uniform(1)), g.Operators[3].Attributes);
        Assert.Equal(new Pool2DAttributes(2, 2, 2, 2), g.Operators[4].Attributes);
        Assert.Equal(new PadAttributes(Padding2D.Uniform(1)), g.Operators[5].Attributes);
        Assert.Equal(new[] { 1, 1, 1, 4 }, g.Tensor(g.Operators[12].Outputs[0]).Shape.ToArray());
        Assert.Equal("conv", g.Operators[1].Name);

        var w = g.Tensor(g.Operators[2].Inputs[1]);
        Assert.Equal(3, w.Quant!.Axis);
        Assert.Equal(4, w.Quant.Scales.Count);
        Assert.Equal(g.Tensor(g.Operators[1].Inputs[2]).Data, g.Tensor(g.Operators[2].Inputs[2]).Data);
        Assert.DoesNotContain(g.Tensors, t => t.Name == "unused");
        Assert.Equal(IrDataType.Float32, g.Tensor(g.Inputs[0]).DataType);
        Assert.Equal("model.tflite", g.Metadata["source"]);
        Assert.Equal("1.14.0", g.Metadata["tflite_min_runtime_version"]);
    }

    [Fact]
    public void Imported_converter_model_runs_on_the_int8_evaluator_and_survives_a_re_export()
    {
        var g = Import(EveryOperator());
        var again = TfliteImporter.Import(TfliteExporter.Export(g), "again.tflite");
        for (var seed = 0; seed < 3; seed++)
        {
            var x = CTestModels.RandomInput(8 * 8 * 2, seed);
            var y = Int8GraphEvaluator.Run(g, x);
            Assert.Equal(3, y.Length);
            Assert.Equal(y, Int8GraphEvaluator.Run(again, x));
        }
    }

    [Fact]
    public void Schema_test_model_with_dilation_shared_buffers_and_dynamic_batch_signature_imports()
    {
        var g = Import(TfliteTestModels.SmallInt8Classifier(), "small.tflite");
        Assert.Equal(new DepthwiseConv2DAttributes(Padding: Padding2D.Uniform(2), DilationH: 2, DilationW: 2), g.Operators[2].Attributes);
        Assert.Equal(FusedActivation.Relu, g.Operators[3].FusedActivation);
        Assert.Equal(new[] { 1, 5 }, g.Tensor(g.Outputs[0]).Shape.ToArray());
    }

    [Theory]
    [InlineData(new sbyte[] { 1, 2, 2, 2 }, 2)] // 7/4 = 1.75
    [InlineData(new sbyte[] { 1, 1, 0, 0 }, 1)] // 0.5 rounds away from zero
    [InlineData(new sbyte[] { -1, -1, 0, 0 }, -1)] // -0.5 rounds away from zero
    [InlineData(new sbyte[] { -1, -2, 0, 0 }, -1)] // -0.75
    [InlineData(new sbyte[] { 127, 127, 127, 126 }, 127)]
    public void Int8_average_pool_rounds_like_tflite(sbyte[] input, int expected)
    {
        // TFLite reference: (sum + sign(sum) * count / 2) / count with truncating division.
        var g = Import(Single(TfliteBuiltinOperator.AveragePool2D, new[] { 1, 2, 2, 1 }, Q(0.5f, 0), new[] { 1, 1, 1, 1 }, Q(0.5f, 0),
            new TflitePool2DOptions(TflitePadding.Valid, 2, 2, 2, 2)));
        Assert.Equal(new[] { (sbyte)expected }, Int8GraphEvaluator.Run(g, input));
    }

    [Theory]
    [InlineData(new sbyte[] { 4, 0, 0, 0 }, 1)]
    [InlineData(new sbyte[] { 6, 0, 0, 0 }, 2)] // 1.5
    [InlineData(new sbyte[] { -6, 0, 0, 0 }, -2)] // -1.5
    [InlineData(new sbyte[] { 1, 0, 0, 0 }, 1)] // 0.25: TFLite's two roundings (doubling high mul, then shift) give 1
    [InlineData(new sbyte[] { 5, 0, 0, 0 }, 2)] // 1.25: likewise
    public void Int8_mean_follows_tflites_folded_multiplier_formula(sbyte[] input, int expected)
    {
        // Equal scales: M = 2^30 with shift 1; n = 4 folds into M' = (M << 2) / 4 = 2^30 with shift -1, so
        // out = RoundingDivideByPOT(SaturatingRoundingDoublingHighMul(sum, 2^30), 1).
        var g = Import(Single(TfliteBuiltinOperator.Mean, new[] { 1, 2, 2, 1 }, Q(0.5f, 0), new[] { 1, 1, 1, 1 }, Q(0.5f, 0),
            new TfliteReducerOptions(true), m => new[] { m.Int32s("axes", new[] { 2 }, 1, 2) }));
        Assert.Equal(IrOpKind.GlobalAveragePool, Assert.Single(g.Operators).Kind);
        Assert.Equal(new[] { (sbyte)expected }, Int8GraphEvaluator.Run(g, input));
    }

    [Fact]
    public void Int8_softmax_is_within_one_step_of_the_real_softmax()
    {
        var g = Import(Single(TfliteBuiltinOperator.Softmax, new[] { 1, 4 }, Q(0.1f, 0), new[] { 1, 4 }, Q(1f / 256, -128), new TfliteSoftmaxOptions(1f)));
        sbyte[] x = { 0, 10, 20, -30 };
        var y = Int8GraphEvaluator.Run(g, x);
        var e = x.Select(v => Math.Exp(0.1 * v)).ToArray();
        for (var i = 0; i < 4; i++)
        {
            var real = Math.Min(127, Math.Round(e[i] / e.Sum() * 256) - 128);
            Assert.InRange(y[i], real - 1, real + 1);
        }
    }

    [Fact]
    public void Unsupported_operator_names_file_index_and_operator()
    {
        var m = new ConverterStyleModels();
        var x = m.Activation("x", TfliteTensorType.Int8, new[] { 1, 2, 2, 1 }, Q(0.1f, 0));
        var r = m.Activation("r", TfliteTensorType.Int8, new[] { 1, 2, 2, 1 }, Q(0.1f, 0));
        var y = m.Activation("y", TfliteTensorType.Int8, new[] { 1, 2, 2, 1 }, Q(1f / 128, 0));
        m.Op(TfliteBuiltinOperator.Relu, new[] { x }, r);
        m.Op(TfliteBuiltinOperator.ReadVariable, new[] { r }, y);
        var error = Assert.Throws<TfliteConversionException>(() => Import(m.Build(new[] { x }, new[] { y }), "models/tanh.tflite"));
        Assert.Equal("models/tanh.tflite: operator #1 READ_VARIABLE is not supported by the TFLite importer (the IR has no equivalent)", error.Message);
    }

    [Fact]
    public void Depth_multiplier_option_that_disagrees_with_the_shapes_is_a_clear_error()
    {
        var model = Single(TfliteBuiltinOperator.DepthwiseConv2D, new[] { 1, 3, 3, 2 }, Q(0.1f, 0), new[] { 1, 3, 3, 4 }, Q(0.1f, 0),
            new TfliteDepthwiseConv2DOptions(TflitePadding.Same, 1, 1, 1), m => new[] { m.Int8Weights("w", new[] { 1, 3, 3, 4 }, 3) });
        var error = Assert.Throws<TfliteConversionException>(() => Import(model, "dm.tflite"));
        Assert.Equal("dm.tflite: operator #0 DEPTHWISE_CONV_2D has option depth_multiplier 1, but its shapes (2 input, 4 output channels) give 2", error.Message);
    }

    [Fact]
    public void Unsupported_fused_activation_and_mean_axes_are_clear_errors()
    {
        var tanh = Single(TfliteBuiltinOperator.Add, new[] { 1, 2, 2, 1 }, Q(0.1f, 0), new[] { 1, 2, 2, 1 }, Q(0.1f, 0),
            new TfliteAddOptions(TfliteActivation.Tanh), m => new[] { 0 });
        Assert.Contains("operator #0 ADD fused activation Tanh is not supported", Assert.Throws<TfliteConversionException>(() => Import(tanh)).Message);

        var channelMean = Single(TfliteBuiltinOperator.Mean, new[] { 1, 2, 2, 3 }, Q(0.1f, 0), new[] { 1, 2, 2, 1 }, Q(0.1f, 0),
            new TfliteReducerOptions(true), m => new[] { m.Int32s("axes", new[] { 1 }, 3) });
        Assert.Contains("operator #0 MEAN reduces axes [3]", Assert.Throws<TfliteConversionException>(() => Import(channelMean)).Message);
    }
}
