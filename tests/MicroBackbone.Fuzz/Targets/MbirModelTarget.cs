using MicroBackbone.Compiler.Compilation;

namespace MicroBackbone.Fuzz.Targets;

/// <summary>A <c>.mbir</c> IR file (text format, graph validation) as <c>mbc compile X.mbir</c> opens it.</summary>
internal sealed class MbirModelTarget : IFuzzTarget
{
    public string Name => "mbir";

    public string Extension => ".mbir";

    public string Reads => "compile/run/export MODEL.mbir: ModelSource.Load";

    public void Read(string path) => ModelSource.Load(path, CliDefaults.Spec, CliDefaults.Dataset.ClassNames);
}
