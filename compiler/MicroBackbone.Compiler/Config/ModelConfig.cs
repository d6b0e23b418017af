namespace MicroBackbone.Compiler.Config;

/// <summary>
/// The model configuration (<c>model.yaml</c>): the <c>model:</c> section picks a variant and the input, and
/// <c>variants:</c> holds the widths of every MicroSign-Edge variant.
/// </summary>
public sealed class ModelConfig
{
    /// <summary>Which variant to build, for which input and number of classes.</summary>
    public ModelSection Model { get; set; } = new();

    /// <summary>The variants by name (<c>edge_nano</c>, <c>edge_micro</c>, <c>edge_small</c>).</summary>
    public Dictionary<string, EdgeVariantConfig> Variants { get; set; } = new();

    /// <summary>
    /// The default <c>model.yaml</c> that ships beside the compiler assembly (the build copies <c>config/*.yaml</c>
    /// to the output folder), so it is found whatever the working directory.
    /// </summary>
    public static string DefaultPath =>
        Path.Combine(Path.GetDirectoryName(typeof(ModelConfig).Assembly.Location) ?? AppContext.BaseDirectory,
            "config", "model.yaml");

    /// <summary>Reads <paramref name="path"/> strictly and validates every value.</summary>
    /// <exception cref="ConfigException">The file is missing, malformed or holds a value we do not accept.</exception>
    public static ModelConfig Load(string path)
    {
        ModelConfig config = YamlConfigReader.Read<ModelConfig>(path);
        ModelConfigValidator.Validate(config, path);
        return config;
    }

    /// <summary>Reads the default config (<see cref="DefaultPath"/>).</summary>
    public static ModelConfig LoadDefault() => Load(DefaultPath);
}
