using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Tests.Shared;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// SUB, MAXIMUM, MINIMUM, PRELU, LEAKY_RELU, TANH and the resizes through the TFLite importer and exporter: an IR
/// graph exported and imported again gives the same int8 bytes; unsupported option values stop with one message
/// naming the operator index, the operator, the option and its value.
/// </summary>
public class TfliteMathOperatorTests
{
    public static TheoryData<string> Names() => new(MathOperatorGraphs.Names);

    [Theory]
    [MemberData(nameof(Names))]
    public void Export_then_import_is_bit_identical_on_the_int8_interpreter(string name)
    {
        var source = MathOperatorGraphs.Build(name);
        var imported = TfliteImporter.Import(TfliteExporter.Export(source), name + ".tflite");
        var input = imported.Tensor(imported.Inputs[0]);
        for (var seed = 0; seed < 4; seed++)
        {
            var x = MathOperatorGraphs.Random(seed, input.ElementCount);
            Assert.Equal(Int8GraphEvaluator.Run(source, x), Int8GraphEvaluator.Run(imported, x));
        }
    }

    [Fact]
    public void Sub_with_an_unsupported_fused_activation_names_it()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.Sub, [1, 2, 2, 3], Q(0.1f, 0), [1, 2, 2, 3], Q(0.1f, 0),
            new TfliteSubOptions(TfliteActivation.Tanh), m => [m.Constant("c", TfliteTensorType.Int8, [3], m.Buffer(new byte[3]), Q(0.1f, 0))]);
        var e = Assert.Throws<TfliteConversionException>(() => TfliteImporter.Import(TfliteWriter.Write(model), "sub.tflite"));
        Assert.Contains("operator #0 SUB fused activation Tanh is not supported", e.Message);
    }

    [Fact]
    public void Bilinear_with_align_corners_and_half_pixel_centers_names_both_options()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.ResizeBilinear, [1, 2, 2, 3], Q(0.1f, 0), [1, 4, 4, 3], Q(0.1f, 0),
            new TfliteResizeBilinearOptions(true, true), m => [m.Int32s("size", [2], 4, 4)]);
        var e = Assert.Throws<TfliteConversionException>(() => TfliteImporter.Import(TfliteWriter.Write(model), "resize.tflite"));
        Assert.Contains("operator #0 RESIZE_BILINEAR option half_pixel_centers is true together with align_corners true", e.Message);
    }

    [Fact]
    public void Resize_to_a_size_that_is_not_height_and_width_is_refused()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.ResizeNearestNeighbor, [1, 2, 2, 3], Q(0.1f, 0), [1, 4, 4, 3], Q(0.1f, 0),
            new TfliteResizeNearestNeighborOptions(), m => [m.Int32s("size", [3], 4, 4, 1)]);
        var e = Assert.Throws<TfliteConversionException>(() => TfliteImporter.Import(TfliteWriter.Write(model), "resize.tflite"));
        Assert.Contains("operator #0 RESIZE_NEAREST_NEIGHBOR has size [4, 4, 1]; expected [height, width]", e.Message);
    }

    [Fact]
    public void Leaky_relu_with_a_non_finite_alpha_names_the_value()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.LeakyRelu, [1, 2, 2, 3], Q(0.1f, 0), [1, 2, 2, 3], Q(0.1f, 0),
            new TfliteLeakyReluOptions(float.PositiveInfinity));
        var e = Assert.Throws<TfliteConversionException>(() => TfliteImporter.Import(TfliteWriter.Write(model), "leaky.tflite"));
        Assert.Contains("operator #0 LEAKY_RELU option alpha is", e.Message);
        Assert.Contains("expected a finite number", e.Message);
    }

    [Fact]
    public void Lower_rank_operands_are_raised_to_the_output_rank()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.PRelu, [1, 2, 2, 3], Q(0.1f, 0), [1, 2, 2, 3], Q(0.1f, 0), null,
            m => [m.Constant("alpha", TfliteTensorType.Int8, [3], m.Buffer(new byte[] { 1, 2, 3 }), Q(0.01f, 0))]);
        var graph = TfliteImporter.Import(TfliteWriter.Write(model), "prelu.tflite");
        var prelu = graph.Operators.Single(o => o.Kind == IrOpKind.Prelu);
        Assert.Equal(EquatableArray.Of(1, 1, 1, 3), graph.Tensor(prelu.Inputs[1]).Shape);
    }

    private static TfliteQuantization Q(float scale, long zeroPoint) => ConverterStyleModels.Q(scale, zeroPoint);
}
