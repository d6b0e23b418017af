using MicroBackbone.Compiler.Compilation;

namespace MicroBackbone.Fuzz.Targets;

/// <summary>A PyTorch checkpoint (zip + pickle, metadata, state dict, lowering) as <c>mbc compile X.pth</c> opens it.</summary>
internal sealed class PthCheckpointTarget : IFuzzTarget
{
    public string Name => "pth";

    public string Extension => ".pth";

    public string Reads => "compile/run/export MODEL.pth: ModelSource.Load";

    public void Read(string path) => ModelSource.Load(path, CliDefaults.Spec, CliDefaults.Dataset.ClassNames);
}
