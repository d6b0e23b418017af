using System.CommandLine;
using MicroBackbone.Compiler.Checkpoints;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Data;

namespace MicroBackbone.Cli.Commands;

/// <summary>
/// The flags that pick a dataset (<c>--dataset-config --dataset</c>), shared by verbs. A verb that reads a checkpoint
/// uses the dataset recorded in it unless one of the flags is given, so a model trained on a custom folder is tested,
/// calibrated and normalised on that folder without being told again.
/// </summary>
internal sealed class DatasetOptions
{
    public Option<string?> Config { get; } = new("--dataset-config") { Description = "Datasets YAML (default: the dataset recorded in the checkpoint, else the shipped datasets.yaml)." };

    public Option<string?> Name { get; } = new("--dataset") { Description = "Dataset name in that file (default: the checkpoint's, else the file's default_dataset)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Name);
    }

    /// <summary>
    /// The dataset the flags name; without flags, the one <paramref name="checkpoint"/> (a .pth, when given) was
    /// trained on, else the catalog's default. An image folder's omitted values are worked out from its files and
    /// said on one line (standard error).
    /// </summary>
    public DatasetConfig Resolve(ParseResult parse, string? checkpoint = null)
    {
        string? file = parse.GetValue(Config);
        string? name = parse.GetValue(Name);
        if (file is null && name is null && checkpoint is not null && Recorded(checkpoint) is DatasetConfig recorded)
        {
            return recorded;
        }
        string path = file ?? DatasetsConfig.DefaultPath;
        DatasetConfig dataset = DatasetsConfig.Load(path).Find(name, path);
        if (ImageFolderDefaults.Complete(dataset, path) is string note)
        {
            Console.Error.WriteLine(Rendering.PrintableText.Of(note));
        }
        return dataset;
    }

    // The dataset a checkpoint of ours records: the full record, or (older checkpoints) a name in the shipped catalog.
    private static DatasetConfig? Recorded(string checkpoint)
    {
        if (!File.Exists(checkpoint) || Compiler.Compilation.ModelSource.IrExtensions.Contains(Path.GetExtension(checkpoint).ToLowerInvariant()))
        {
            return null; // the verb itself says the file is missing; .mbir/.tflite carry their own class names
        }
        IReadOnlyDictionary<string, object> extras;
        using (Checkpoint loaded = CheckpointFile.Load(checkpoint, Placeholder))
        {
            if (!loaded.HasOwnMetadata)
            {
                return null;
            }
            extras = loaded.Metadata.Extras;
        }
        if (extras.TryGetValue(DatasetRecord.ExtraKey, out object? yaml) && yaml is string text)
        {
            return DatasetRecord.Parse(text, checkpoint);
        }
        if (extras.TryGetValue(DatasetRecord.NameKey, out object? named) && named is string datasetName)
        {
            DatasetsConfig shipped = DatasetsConfig.Load(DatasetsConfig.DefaultPath);
            return shipped.Datasets.FirstOrDefault(d => d.Name == datasetName)
                ?? throw new ConfigException(
                    $"{checkpoint}: trained on dataset '{datasetName}', which the shipped datasets.yaml does not define; "
                    + "name its YAML with --dataset-config (and --dataset)");
        }
        return null;
    }

    // Lets a plain PyTorch state dict open (it records no dataset); its values are never used.
    private static readonly CheckpointMetadata Placeholder = new("", "", 0, new InputShape(1, 1, 1), "");
}
