using System.Buffers.Binary;
using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.C;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Reference;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// A max pool with padding that is neither SAME nor VALID (ResNet's stem: 3x3, stride 2, padding 1) goes to TFLite
/// as PADV2 with the lowest value then a VALID MAX_POOL_2D, and comes back as the same padded max pool.
/// </summary>
public class TfliteMaxPoolPaddingTests
{
    private static readonly Pool2DAttributes Stem = new(3, 3, 2, 2, Padding2D.Uniform(1));

    private static IrGraph Graph(IrDataType type)
    {
        var b = new IrGraphBuilder("maxpool_" + type.ToString().ToLowerInvariant());
        var x = type == IrDataType.Int8
            ? b.Input("x", new[] { 1, 7, 6, 3 }, IrDataType.Int8, QuantParams.PerTensor(0.05f, 17))
            : b.Input("x", new[] { 1, 7, 6, 3 });
        return b.Output(b.Op(IrOpKind.MaxPool2D, new[] { x }, Stem, "maxpool")).Build();
    }

    [Theory]
    [InlineData(IrDataType.Float32)]
    [InlineData(IrDataType.Int8)]
    public void Writes_PADV2_with_the_lowest_value_then_a_VALID_max_pool(IrDataType type)
    {
        var model = TfliteReader.Read(TfliteExporter.Export(Graph(type)), "m.tflite");
        var ops = model.Subgraphs[0].Operators;
        Assert.Equal(
            new[] { TfliteBuiltinOperator.PadV2, TfliteBuiltinOperator.MaxPool2D },
            ops.Select(o => model.OperatorCodes[o.OpcodeIndex].BuiltinCode));
        var pool = Assert.IsType<TflitePool2DOptions>(ops[1].Options);
        Assert.Equal(TflitePadding.Valid, pool.Padding);
        Assert.Equal((3, 3, 2, 2), (pool.FilterHeight, pool.FilterWidth, pool.StrideH, pool.StrideW));

        var value = model.Subgraphs[0].Tensors[ops[0].Inputs[2]];
        Assert.Empty(value.Shape);
        var bytes = model.Buffers[value.Buffer].Data.ToArray();
        if (type == IrDataType.Int8)
        {
            Assert.Equal(new byte[] { 0x80 }, bytes);
            Assert.Equal(17, value.Quantization!.ZeroPoint[0]);
        }
        else
        {
            Assert.True(float.IsNegativeInfinity(BinaryPrimitives.ReadSingleLittleEndian(bytes)));
        }

        var padded = model.Subgraphs[0].Tensors[ops[0].Outputs[0]];
        Assert.Equal(new[] { 1, 9, 8, 3 }, padded.Shape.ToArray());
    }

    [Fact]
    public void Int8_imports_back_to_one_padded_max_pool_that_computes_the_same_bytes()
    {
        var source = Graph(IrDataType.Int8);
        var imported = TfliteImporter.Import(TfliteExporter.Export(source), "m.tflite");
        var op = Assert.Single(imported.Operators);
        Assert.Equal(IrOpKind.MaxPool2D, op.Kind);
        Assert.Equal(Stem, op.AttributesAs<Pool2DAttributes>());
        for (var seed = 0; seed < 4; seed++)
        {
            // Values below the zero point (17) everywhere: a zero-point border would win windows; -128 never does.
            var x = CTestModels.RandomInput(7 * 6 * 3, seed).Select(v => (sbyte)Math.Min((int)v, 10)).ToArray();
            Assert.Equal(Int8GraphEvaluator.Run(source, x), Int8GraphEvaluator.Run(imported, x));
        }
    }

    [Fact]
    public void Float_imports_back_to_one_padded_max_pool_that_computes_the_same_values()
    {
        var source = Graph(IrDataType.Float32);
        var imported = TfliteImporter.Import(TfliteExporter.Export(source), "m.tflite");
        Assert.Equal(Stem, Assert.Single(imported.Operators).AttributesAs<Pool2DAttributes>());
        // All negative: a zero border would win every border window.
        var x = TfliteIrTestModels.RandomFloats(7 * 6 * 3, 5).Select(v => -Math.Abs(v) - 0.5f).ToArray();
        var expected = new FloatInterpreter(source).Run(new[] { x })[0];
        Assert.Equal(expected, new FloatInterpreter(imported).Run(new[] { x })[0]);
        Assert.All(expected, v => Assert.True(v < 0));
    }

    [Fact]
    public void A_float_PADV2_with_another_value_is_refused_naming_the_operator_and_the_value()
    {
        var model = TfliteReader.Read(TfliteExporter.Export(Graph(IrDataType.Float32)), "m.tflite");
        var valueIndex = model.Subgraphs[0].Operators[0].Inputs[2];
        var buffer = model.Subgraphs[0].Tensors[valueIndex].Buffer;
        var bytes = TfliteExporter.Export(Graph(IrDataType.Float32));
        // Rewrite the -inf constant in place (its 4 bytes are unique in this small file) to 2.5.
        var data = model.Buffers[buffer].Data.ToArray();
        var at = bytes.AsSpan().IndexOf(data);
        Assert.True(at > 0);
        BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(at), 2.5f);
        var e = Assert.Throws<TfliteConversionException>(() => TfliteImporter.Import(bytes, "m.tflite"));
        // Not the max-pool form, so it goes to the general pad, which takes 8-bit values only.
        Assert.Contains("operator #0 PADV2", e.Message);
        Assert.Contains("constant_values", e.Message);
        Assert.Contains("Float32", e.Message);
    }
}
