using MicroBackbone.Cli.Commands;

namespace MicroBackbone.Fuzz.Targets;

/// <summary>
/// An image given to <c>mbc run --input</c> (decoded completely with SkiaSharp, preprocessed, quantized). PNG and
/// JPEG are two targets with their own seeds; the decoder is native, so coverage comes from the managed checks around it.
/// </summary>
internal sealed class ImageInputTarget(string name, string extension) : IFuzzTarget
{
    public string Name => name;

    public string Extension => extension;

    public string Reads => $"run --input X{extension}: ModelInputBytes.Read";

    public void Read(string path) => ModelInputBytes.Read(path, CliDefaults.InputTensor, CliDefaults.Dataset, CliDefaults.Spec);
}
