using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// The int8 input of a verb that runs one inference (<c>run</c>, <c>profile</c>): a raw file of exactly the model's
/// int8 NHWC bytes, or an image preprocessed like evaluation and quantized with the input's parameters.
/// </summary>
internal static class ModelInputBytes
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".webp"];

    /// <summary>Reads <paramref name="path"/> as an image (by its extension) or as raw int8 bytes.</summary>
    public static sbyte[] Read(string path, IrTensor input, DatasetConfig dataset, ModelSpec spec) =>
        ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant())
            ? FromImage(path, input, dataset, spec)
            : FromRaw(path, input);

    private static sbyte[] FromRaw(string path, IrTensor input)
    {
        byte[] bytes = InputFile.ReadAllBytes(path, "input file");
        if (input.DataType != IrDataType.Int8 || bytes.Length != input.ElementCount)
        {
            throw new MicroBackboneException(
                $"{path}: has {bytes.Length} bytes; the model's input {input.Describe()} needs exactly {input.ElementCount} int8 values (NHWC)");
        }
        return (sbyte[])(Array)bytes;
    }

    private static sbyte[] FromImage(string path, IrTensor input, DatasetConfig dataset, ModelSpec spec)
    {
        InputFile.Require(path, "input image");
        ImageDataset image = ImageFile.Read(path, spec.Input.Channels == 1 ? 1 : 3);
        float[] nhwc = new NhwcImages(image, dataset, spec, path).Read(0);
        var x = new sbyte[nhwc.Length];
        Quantize.Eval(new QuantizationParams(input.Quant!.Scales[0], input.Quant.ZeroPoints[0]), nhwc, x);
        return x;
    }
}
