namespace MicroBackbone.Compiler.Config;

/// <summary>The contents of <c>datasets.yaml</c>: every dataset the tools can read and which one is the default.</summary>
public sealed class DatasetsConfig
{
    /// <summary>The file name the default catalog ships under, beside the compiler library in <c>config/</c>.</summary>
    public const string DefaultFileName = "datasets.yaml";

    /// <summary>Name of the dataset used when the user names none.</summary>
    public string DefaultDataset { get; set; } = "";

    /// <summary>The datasets, each with a unique <see cref="DatasetConfig.Name"/>.</summary>
    public List<DatasetConfig> Datasets { get; set; } = new();

    /// <summary>Path of the catalog shipped with the compiler (<c>config/datasets.yaml</c> beside the assembly).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "config", DefaultFileName);

    /// <summary>Reads and validates a catalog; every problem is a <see cref="ConfigException"/> naming file and key.</summary>
    public static DatasetsConfig Load(string path)
    {
        DatasetsConfig config = YamlConfigReader.Read<DatasetsConfig>(path);
        config.Validate(path);
        return config;
    }

    /// <summary>The dataset called <paramref name="name"/>, or the default one when <paramref name="name"/> is null.</summary>
    public DatasetConfig Find(string? name, string source)
    {
        string wanted = name ?? DefaultDataset;
        return Datasets.FirstOrDefault(d => d.Name == wanted)
            ?? throw new ConfigException(
                $"{source}: no dataset named '{wanted}'; known datasets: {string.Join(", ", Datasets.Select(d => d.Name))}");
    }

    /// <summary>Checks every dataset and that names are unique and the default exists.</summary>
    public void Validate(string source)
    {
        // YAML `datasets:` or a `-` with nothing after it deserializes to null, not to an empty list or mapping.
        if (Datasets is null || Datasets.Count == 0)
        {
            throw new ConfigException($"{source}: 'datasets' is empty; expected at least one dataset");
        }
        for (int i = 0; i < Datasets.Count; i++)
        {
            DatasetConfig dataset = Datasets[i]
                ?? throw new ConfigException($"{source}: datasets[{i}]: empty; expected a dataset (name, format, root, train, ...)");
            dataset.Validate(source, $"datasets[{i}]");
        }
        string? duplicate = Datasets.GroupBy(d => d.Name).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (duplicate != null)
        {
            throw new ConfigException($"{source}: datasets: the name '{duplicate}' is used twice");
        }
        if (Datasets.All(d => d.Name != DefaultDataset))
        {
            throw new ConfigException(
                $"{source}: default_dataset: '{DefaultDataset}' is not one of the datasets ({string.Join(", ", Datasets.Select(d => d.Name))})");
        }
    }
}
