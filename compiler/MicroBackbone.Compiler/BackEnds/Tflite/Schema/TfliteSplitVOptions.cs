namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of SPLIT_V (schema table <c>SplitVOptions</c>).</summary>
/// <param name="NumSplits">How many parts; their sizes are the second input.</param>
public sealed record TfliteSplitVOptions(int NumSplits) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.SplitVOptions;
}
