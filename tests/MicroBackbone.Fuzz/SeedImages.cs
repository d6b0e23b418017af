using SkiaSharp;

namespace MicroBackbone.Fuzz;

/// <summary>
/// Writes the image seeds (<c>MicroBackbone.Fuzz --write-image-seeds corpora</c>): small gradients, so that inputs
/// stay a few hundred bytes and every mutation reaches the decoder quickly. Colour and gray, PNG and JPEG.
/// </summary>
internal static class SeedImages
{
    public static void Write(string corpora)
    {
        foreach ((string name, SKColorType type) in new[] { ("rgb", SKColorType.Rgba8888), ("gray", SKColorType.Gray8) })
        {
            using var bitmap = new SKBitmap(new SKImageInfo(8, 8, type, SKAlphaType.Opaque));
            for (int y = 0; y < 8; y++)
            {
                for (int x = 0; x < 8; x++)
                {
                    bitmap.SetPixel(x, y, new SKColor((byte)(x * 32), (byte)(y * 32), (byte)((x + y) * 16)));
                }
            }
            using SKImage image = SKImage.FromBitmap(bitmap);
            Save(image, SKEncodedImageFormat.Png, Path.Combine(corpora, "png", $"gradient_{name}.png"));
            Save(image, SKEncodedImageFormat.Jpeg, Path.Combine(corpora, "jpeg", $"gradient_{name}.jpg"));
        }
    }

    private static void Save(SKImage image, SKEncodedImageFormat format, string path)
    {
        using SKData data = image.Encode(format, 90)
            ?? throw new InvalidOperationException($"SkiaSharp cannot encode {format} here");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, data.ToArray());
    }
}
