namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>Options of SPLIT (schema table <c>SplitOptions</c>).</summary>
/// <param name="NumSplits">How many equal parts the input is cut into along the axis (the axis is the first input).</param>
public sealed record TfliteSplitOptions(int NumSplits) : TfliteBuiltinOptions
{
    internal override TfliteOptionsTypeId TypeId => TfliteOptionsTypeId.SplitOptions;
}
