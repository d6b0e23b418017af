namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of MEAN and the other reductions (schema table <c>ReducerOptions</c>).</summary>
/// <param name="KeepDims">Keep reduced axes as size 1.</param>
public sealed record TfliteReducerOptions(bool KeepDims) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.ReducerOptions;
}
