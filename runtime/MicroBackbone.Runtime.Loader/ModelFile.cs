using MicroBackbone.Ir;
using MicroBackbone.Ir.Format;

namespace MicroBackbone.Runtime.Loader;

/// <summary>Reads a model file into an IR graph, turning every failure into one <see cref="ModelLoadException"/>.</summary>
internal static class ModelFile
{
    /// <summary>The graph in <paramref name="path"/>; the kind is chosen by the extension (<c>.mbir</c>, <c>.tflite</c>).</summary>
    public static IrGraph Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".mbir" or ".tflite"))
        {
            throw new ModelLoadException(path, $"file extension '{extension}': expected .mbir (mbc compile --target ir) or .tflite (mbc export)");
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new ModelLoadException(path, e is FileNotFoundException or DirectoryNotFoundException ? "no such file" : $"cannot read: {e.Message}", e);
        }

        try
        {
            if (extension == ".tflite")
            {
                throw new ModelLoadException(path, "TFLite files are not read by the run-time loader yet: convert it with `mbc compile FILE --target ir` and load the .mbir");
            }

            return ReadMbir(bytes, path);
        }
        catch (MicroBackboneException e) when (e is not ModelLoadException)
        {
            throw new ModelLoadException(path, e.Message, e);
        }
    }

    private static IrGraph ReadMbir(byte[] bytes, string path)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        return MbirReader.Read(stream, path);
    }
}
