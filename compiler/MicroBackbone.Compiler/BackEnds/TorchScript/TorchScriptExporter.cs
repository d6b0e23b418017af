using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.IO;
using MicroBackbone.Ir;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.BackEnds.TorchScript;

/// <summary>
/// The TorchScript back end: a float IR graph as a TorchScript archive (<c>model.torchscript.pt</c>) that
/// <c>torch.jit.load</c> opens in PyTorch and TorchSharp. The archive is written directly — generated TorchScript
/// source in <c>code/__torch__.py</c>, the module object with its parameters in <c>data.pkl</c>, tensors as storages
/// — because TorchSharp can compile TorchScript source but cannot turn it into a savable module. The module takes
/// NCHW float input <c>[1, C, H, W]</c> and returns the logits. Same graph, same bytes.
/// </summary>
public static class TorchScriptExporter
{
    /// <summary>The archive's bytes.</summary>
    /// <exception cref="TorchScriptExportException">The graph is int8 or holds an operator without a lowering.</exception>
    public static byte[] Export(IrGraph floatGraph)
    {
        GraphValidator.Validate(floatGraph);
        using var scope = NewDisposeScope();
        (var parameters, var buffers, string code) = TorchScriptSource.Generate(floatGraph);
        var attributes = new Dictionary<string, object>();
        foreach ((string name, Tensor value) in parameters.Concat(buffers))
        {
            attributes[name] = value;
        }
        attributes["training"] = false;
        using var stream = new MemoryStream();
        TorchZipWriter.WriteScriptModule(stream, new TorchZipWriter.ScriptModuleRecord(TorchScriptSource.ClassName, attributes),
            new Dictionary<string, string> { ["__torch__.py"] = code });
        return stream.ToArray();
    }

    /// <summary>Writes the archive to <paramref name="path"/> atomically.</summary>
    public static void Export(IrGraph floatGraph, string path) => AtomicFile.WriteAllBytes(path, Export(floatGraph));
}
