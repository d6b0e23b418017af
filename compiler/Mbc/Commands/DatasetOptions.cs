using System.CommandLine;
using MicroBackbone.Compiler.Config;

namespace MicroBackbone.Cli.Commands;

/// <summary>The flags that pick a dataset (<c>--dataset-config --dataset</c>), shared by verbs.</summary>
internal sealed class DatasetOptions
{
    public Option<string?> Config { get; } = new("--dataset-config") { Description = "Datasets YAML (default: the shipped datasets.yaml)." };

    public Option<string?> Name { get; } = new("--dataset") { Description = "Dataset name in that file (default: its default_dataset)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Name);
    }

    public DatasetConfig Resolve(ParseResult parse)
    {
        string path = parse.GetValue(Config) ?? DatasetsConfig.DefaultPath;
        return DatasetsConfig.Load(path).Find(parse.GetValue(Name), path);
    }
}
