using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MicroBackbone.Compiler.Config;

/// <summary>
/// The dataset a checkpoint was trained on, as the YAML text of a one-dataset catalog stored in the checkpoint's
/// metadata (key <see cref="ExtraKey"/>), so that every later verb (test, compare, quantize, export, compile, ...)
/// evaluates, calibrates and normalises on the same images without being told. The root is stored absolute and
/// completed values (class names, mean/std worked out from an image folder) are stored as worked out.
/// </summary>
public static class DatasetRecord
{
    /// <summary>Metadata key of the full record.</summary>
    public const string ExtraKey = "dataset_config";

    /// <summary>Metadata key of the dataset's name alone (all that checkpoints written before the record hold).</summary>
    public const string NameKey = "dataset";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .DisableAliases()
        .Build();

    /// <summary>The record of <paramref name="dataset"/> (a one-dataset catalog in YAML).</summary>
    public static string ToYaml(DatasetConfig dataset)
    {
        string root = dataset.Root;
        try
        {
            dataset.Root = Path.GetFullPath(root);
            return Serializer.Serialize(new DatasetsConfig { DefaultDataset = dataset.Name, Datasets = [dataset] });
        }
        finally
        {
            dataset.Root = root;
        }
    }

    /// <summary>Reads a record back; <paramref name="source"/> (the checkpoint's path) names it in errors.</summary>
    public static DatasetConfig Parse(string yaml, string source)
    {
        string where = source + " (recorded dataset)";
        DatasetsConfig catalog = YamlConfigReader.Parse<DatasetsConfig>(yaml, where);
        catalog.Validate(where);
        return catalog.Find(null, where);
    }
}
