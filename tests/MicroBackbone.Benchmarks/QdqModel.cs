using MicroBackbone.Compiler.BackEnds.Onnx;
using MicroBackbone.Ir.Format;

namespace MicroBackbone.Benchmarks;

/// <summary>
/// The int8 side for ONNX Runtime: the same <c>.mbir</c> the generated classes are built from, exported as
/// <c>model_int8.onnx</c> (QDQ, float NCHW input and logits) by the exporter <c>mbc export</c> and
/// <c>mbc compile --target onnx</c> use.
/// </summary>
internal static class QdqModel
{
    /// <summary>The <c>.mbir</c> of each benchmarked arch, relative to the repository root (as the project's AdditionalFiles).</summary>
    public static string IrFile(string arch) => arch == "edge_nano"
        ? "samples/RaspberryPi/edge_nano.mbir"
        : $"tests/MicroBackbone.Benchmarks/models/{arch}.mbir";

    /// <summary>The QDQ ONNX bytes of <paramref name="arch"/>'s int8 model.</summary>
    public static byte[] Create(string arch)
    {
        string path = RepositoryFiles.Path(IrFile(arch));
        return OnnxQdqExporter.Export(MbirReader.Read(File.ReadAllText(path), path));
    }
}
