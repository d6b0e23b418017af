using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// Convolutions converter-made models carry beyond our own exports (<see cref="ConvolutionVariantModels"/>): depth
/// multipliers 1, 2 and 8, dilation with SAME and VALID padding, strides 2, odd sizes, negative zero points, groups.
/// </summary>
public sealed class ConvolutionVariantOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases() =>
        ConvolutionVariantModels.Names.Select(name => ("conv_variant_" + name, TfliteWriter.Write(ConvolutionVariantModels.Case(name))));
}
