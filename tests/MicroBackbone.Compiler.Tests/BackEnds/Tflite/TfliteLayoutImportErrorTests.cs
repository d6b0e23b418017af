using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// Layout operators with option values TFLite Micro does not run (or ignores): one error naming the operator index,
/// the operator, the option and its value.
/// </summary>
public class TfliteLayoutImportErrorTests
{
    private static readonly TfliteQuantization Q = ConverterStyleModels.Q(0.05f, -7);

    [Fact]
    public void Concatenation_with_a_fused_activation_names_the_option()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.Concatenation, [1, 2, 2, 3], Q, [1, 2, 2, 3], Q,
            new TfliteConcatenationOptions(3, TfliteActivation.Relu));
        Assert.Equal("m.tflite: operator #0 CONCATENATION option fused_activation_function = Relu is not supported (TFLite Micro requires NONE)", Reject(model));
    }

    [Fact]
    public void Strided_slice_with_an_ellipsis_mask_names_the_option()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.StridedSlice, [1, 4, 4, 3], Q, [1, 2, 4, 3], Q,
            new TfliteStridedSliceOptions(EllipsisMask: 2),
            m => [m.Int32s("b", [4], 0, 0, 0, 0), m.Int32s("e", [4], 1, 2, 4, 3), m.Int32s("s", [4], 1, 1, 1, 1)]);
        Assert.Contains("operator #0 STRIDED_SLICE option ellipsis_mask = 2 is not supported", Reject(model));
    }

    [Fact]
    public void Strided_slice_with_a_zero_stride_names_it()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.StridedSlice, [1, 4, 4, 3], Q, [1, 2, 4, 3], Q,
            new TfliteStridedSliceOptions(),
            m => [m.Int32s("b", [4], 0, 0, 0, 0), m.Int32s("e", [4], 1, 2, 4, 3), m.Int32s("s", [4], 1, 0, 1, 1)]);
        Assert.Contains("operator #0 STRIDED_SLICE stride 1 is 0", Reject(model));
    }

    [Fact]
    public void Squeeze_of_an_axis_that_is_not_one_names_the_option()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.Squeeze, [1, 4, 1, 3], Q, [1, 1, 3], Q,
            new TfliteSqueezeOptions(StructuralList.From(new[] { 1 })));
        Assert.Contains("operator #0 SQUEEZE option squeeze_dims = [1] names an axis that is not of size 1", Reject(model));
    }

    [Fact]
    public void Split_that_does_not_divide_the_axis_names_num_splits()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.Split, [1, 4, 5, 3], Q, [1, 4, 5, 3], Q,
            new TfliteSplitOptions(2), m => [m.Int32s("axis", [], 2)]);
        var bytes = TfliteWriter.Write(model with
        {
            Subgraphs = [model.Subgraphs[0] with { Operators = [model.Subgraphs[0].Operators[0] with { Inputs = StructuralList.From(new[] { 1, 0 }) }] }],
        });
        var ex = Assert.Throws<TfliteConversionException>(() => TfliteImporter.Import(bytes, "m.tflite"));
        Assert.Contains("operator #0 SPLIT option num_splits = 2 does not split dimension 2 (size 5)", ex.Message);
    }

    [Fact]
    public void Transpose_with_a_repeated_axis_names_perm()
    {
        var model = ConverterStyleModels.Single(TfliteBuiltinOperator.Transpose, [2, 3, 4], Q, [2, 3, 4], Q,
            new TfliteTransposeOptions(), m => [m.Int32s("perm", [3], 0, 1, 1)]);
        Assert.Contains("operator #0 TRANSPOSE perm [0, 1, 1] is not a permutation", Reject(model));
    }

    private static string Reject(TfliteModel model) =>
        Assert.Throws<TfliteConversionException>(() => TfliteImporter.Import(TfliteWriter.Write(model), "m.tflite")).Message;
}
