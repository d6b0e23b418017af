using MicroBackbone.Compiler.Compilation;

namespace MicroBackbone.Fuzz.Targets;

/// <summary>A TFLite flatbuffer (reader, model checks, import to IR) as <c>mbc compile X.tflite</c> opens it.</summary>
internal sealed class TfliteModelTarget : IFuzzTarget
{
    public string Name => "tflite";

    public string Extension => ".tflite";

    public string Reads => "compile/run/export MODEL.tflite: ModelSource.Load";

    public void Read(string path) => ModelSource.Load(path, CliDefaults.Spec, CliDefaults.Dataset.ClassNames);
}
