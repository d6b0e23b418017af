using MicroBackbone.Compiler.BackEnds.Tflite.Schema;

namespace MicroBackbone.Compiler.Tests.BackEnds.Tflite.Oracle;

/// <summary>
/// RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR up and down by odd factors, with every allowed combination of
/// align_corners and half_pixel_centers, negative zero points and a one-column output.
/// </summary>
public sealed class ResizeOracleCases : IOracleCaseSource
{
    public IEnumerable<(string Name, byte[] Model)> Cases()
    {
        var nearest = TfliteBuiltinOperator.ResizeNearestNeighbor;
        var bilinear = TfliteBuiltinOperator.ResizeBilinear;
        yield return ("resize_nearest_up_plain", TfliteWriter.Write(Resize(nearest, [1, 3, 5, 2], 7, 9, false, false)));
        yield return ("resize_nearest_down_align", TfliteWriter.Write(Resize(nearest, [1, 7, 9, 2], 4, 5, true, false)));
        yield return ("resize_nearest_half_pixel", TfliteWriter.Write(Resize(nearest, [1, 4, 5, 3], 6, 11, false, true)));
        yield return ("resize_nearest_align_and_half_pixel", TfliteWriter.Write(Resize(nearest, [1, 6, 11, 1], 5, 4, true, true)));
        yield return ("resize_bilinear_up_half_pixel", TfliteWriter.Write(Resize(bilinear, [1, 3, 5, 2], 9, 11, false, true)));
        yield return ("resize_bilinear_down_align", TfliteWriter.Write(Resize(bilinear, [1, 9, 11, 2], 5, 3, true, false)));
        yield return ("resize_bilinear_plain", TfliteWriter.Write(Resize(bilinear, [1, 5, 3, 3], 7, 6, false, false)));
        yield return ("resize_bilinear_to_one_column", TfliteWriter.Write(Resize(bilinear, [2, 4, 3, 2], 8, 1, true, false)));
        yield return ("resize_bilinear_up_align", TfliteWriter.Write(Resize(bilinear, [1, 2, 3, 4], 5, 7, true, false)));
    }

    private static TfliteModel Resize(TfliteBuiltinOperator op, int[] shape, int height, int width, bool align, bool half)
    {
        var q = ConverterStyleModels.Q(0.05f, -3);
        TfliteBuiltinOptions options = op == TfliteBuiltinOperator.ResizeBilinear
            ? new TfliteResizeBilinearOptions(align, half)
            : new TfliteResizeNearestNeighborOptions(align, half);
        return ConverterStyleModels.Single(op, shape, q, [shape[0], height, width, shape[3]], q, options,
            m => [m.Int32s("size", [2], height, width)]);
    }
}
