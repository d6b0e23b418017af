using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Fuzz.Targets;

/// <summary>A model YAML (strict reader, validator, arch resolution) as <c>--config model.yaml</c> is read.</summary>
internal sealed class ModelConfigYamlTarget : IFuzzTarget
{
    public string Name => "model-yaml";

    public string Extension => ".yaml";

    public string Reads => "--config model.yaml: ModelConfigText.Load + ArchCatalog.Resolve";

    public void Read(string path) => ArchCatalog.Resolve(ModelConfigText.Load(path), null, null, null, null);
}
