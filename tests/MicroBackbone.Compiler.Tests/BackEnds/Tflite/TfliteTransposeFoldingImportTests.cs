using MicroBackbone.Compiler.BackEnds.Tflite;
using MicroBackbone.Compiler.BackEnds.Tflite.Schema;
using MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite;

/// <summary>
/// The importer folds converter TRANSPOSEs (TransposeFolding) while the graph keeps the input and output shapes the
/// file declares; the oracle cases of the same models prove the bytes still equal TFLite Micro's.
/// </summary>
public class TfliteTransposeFoldingImportTests
{
    [Fact]
    public void Three_chained_transposes_import_as_one()
    {
        var g = TfliteImporter.Import(TfliteWriter.Write(LayoutOracleCases.TransposeChain()), "chain.tflite");
        Assert.Equal(new[] { IrOpKind.Transpose }, g.Operators.Select(o => o.Kind));
        Assert.Equal(new[] { 1, 3, 4, 5 }, g.Tensor(g.Inputs[0]).Shape.ToArray());
        Assert.Equal(new[] { 1, 4, 5, 3 }, g.Tensor(g.Outputs[0]).Shape.ToArray());
    }

    [Fact]
    public void One_channel_nchw_input_transpose_imports_as_a_reshape()
    {
        var g = TfliteImporter.Import(TfliteWriter.Write(LayoutOracleCases.Transpose([1, 1, 6, 5], [0, 2, 3, 1])), "nchw.tflite");
        Assert.Equal(new[] { IrOpKind.Reshape }, g.Operators.Select(o => o.Kind));
        Assert.Equal(new[] { 1, 1, 6, 5 }, g.Tensor(g.Inputs[0]).Shape.ToArray());
    }
}
