using MicroBackbone.Cli.Commands;

namespace MicroBackbone.Fuzz.Targets;

/// <summary>A raw int8 input given to <c>mbc run --input X.raw</c>: exactly the model's input bytes, or an error.</summary>
internal sealed class RawInputTarget : IFuzzTarget
{
    public string Name => "raw";

    public string Extension => ".raw";

    public string Reads => "run --input X.raw: ModelInputBytes.Read";

    public void Read(string path) => ModelInputBytes.Read(path, CliDefaults.InputTensor, CliDefaults.Dataset, CliDefaults.Spec);
}
