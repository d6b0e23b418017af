using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.BackEnds.Tflite;

/// <summary>RESIZE_NEAREST_NEIGHBOR and RESIZE_BILINEAR: an NHWC input and a constant int32 size [height, width].</summary>
internal static class TfliteResizeImport
{
    public static void Import(TfliteImportContext c, IrOpKind kind, bool alignCorners, bool halfPixelCenters)
    {
        var shape = c.InputShape(0);
        if (shape.Count != 4)
        {
            throw c.Fail($"has an input of rank {shape.Count}; expected an NHWC tensor");
        }

        var size = c.IntInput(1, "size");
        if (size.Length != 2 || size[0] < 1 || size[1] < 1)
        {
            throw c.Fail($"has size [{string.Join(", ", size)}]; expected [height, width], each at least 1");
        }

        if (kind == IrOpKind.ResizeBilinear && alignCorners && halfPixelCenters)
        {
            // TFLite Micro refuses this combination in Prepare.
            throw c.Fail("option half_pixel_centers is true together with align_corners true; TFLite allows half_pixel_centers only without align_corners");
        }

        c.Add(kind, new[] { c.In(0) }, new ResizeAttributes(size[0], size[1], alignCorners, halfPixelCenters));
    }
}
