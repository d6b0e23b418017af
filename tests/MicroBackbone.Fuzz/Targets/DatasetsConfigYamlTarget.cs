using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Fuzz.Targets;

/// <summary>A datasets YAML (strict reader, default dataset lookup) as <c>--dataset-config datasets.yaml</c> is read.</summary>
internal sealed class DatasetsConfigYamlTarget : IFuzzTarget
{
    public string Name => "datasets-yaml";

    public string Extension => ".yaml";

    public string Reads => "--dataset-config datasets.yaml: DatasetsConfig.Load + Find";

    public void Read(string path) => DatasetsConfig.Load(path).Find(null, path);
}
