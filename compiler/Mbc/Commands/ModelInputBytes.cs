using System.Buffers.Binary;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Int8.Kernels;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// The input of a verb that runs one inference (<c>run</c>, <c>profile</c>): a raw file of exactly the input's NHWC
/// values in the type the model takes (int8 bytes, or little-endian float32 for a float input, as TFLite Micro takes
/// it), or an image preprocessed like evaluation (quantized with the input's parameters for an int8 input).
/// </summary>
internal static class ModelInputBytes
{
    private static readonly string[] ImageExtensions = [".png", ".jpg", ".jpeg", ".bmp", ".webp"];

    /// <summary>Reads <paramref name="path"/> as an image (by its extension) or as raw int8 bytes.</summary>
    public static sbyte[] Read(string path, IrTensor input, DatasetConfig dataset, ModelSpec spec) =>
        (sbyte[])Read(path, input, input, dataset, spec, "the model's input");

    /// <summary>
    /// Reads <paramref name="path"/> for an input declared as <paramref name="declared"/> (int8 or float32) whose
    /// int8 tensor is <paramref name="int8"/>: returns <c>sbyte[]</c> or <c>float[]</c> by the declared type.
    /// </summary>
    public static Array Read(string path, IrTensor declared, IrTensor int8, DatasetConfig dataset, ModelSpec spec, string role)
    {
        bool isFloat = declared.DataType == IrDataType.Float32;
        if (ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
        {
            float[] nhwc = FromImage(path, spec, dataset, declared);
            if (isFloat)
            {
                return nhwc;
            }
            var x = new sbyte[nhwc.Length];
            Quantize.Eval(new QuantizationParams(int8.Quant!.Scales[0], int8.Quant.ZeroPoints[0]), nhwc, x);
            return x;
        }

        byte[] bytes = InputFile.ReadAllBytes(path, "input file");
        long count = declared.ElementCount;
        if (isFloat)
        {
            if (bytes.Length != count * 4)
            {
                throw new MicroBackboneException(
                    $"{path}: has {bytes.Length} bytes; {role} {declared.Describe()} needs exactly {count * 4} (float32 little-endian NHWC, {count} values)");
            }
            var values = new float[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4, 4));
            }
            return values;
        }
        if (declared.DataType != IrDataType.Int8 || bytes.Length != count)
        {
            throw new MicroBackboneException(
                $"{path}: has {bytes.Length} bytes; {role} {declared.Describe()} needs exactly {count} int8 values (NHWC)");
        }
        return (sbyte[])(Array)bytes;
    }

    private static float[] FromImage(string path, ModelSpec spec, DatasetConfig dataset, IrTensor declared)
    {
        InputFile.Require(path, "input image");
        // The input tensor fixes the size and channels (a .tflite or .mbir has no checkpoint spec; the dataset's
        // defaults would read a 64×64 RGB model's image as 32×32 grey): read the image as the model takes it.
        if (declared.Shape.Count == 4 && declared.Shape[0] == 1 && declared.Shape[3] is 1 or 3)
        {
            spec = spec with { Input = new InputShape(declared.Shape[3], declared.Shape[1], declared.Shape[2]) };
        }

        ImageDataset image = ImageFile.Read(path, spec.Input.Channels == 1 ? 1 : 3);
        float[] nhwc = new NhwcImages(image, dataset, spec, path).Read(0);
        if (nhwc.Length != declared.ElementCount)
        {
            throw new MicroBackboneException(
                $"{path}: the image becomes {nhwc.Length} values; the model's input {declared.Describe()} needs {declared.ElementCount} (pass --input-size to match)");
        }
        return nhwc;
    }
}
