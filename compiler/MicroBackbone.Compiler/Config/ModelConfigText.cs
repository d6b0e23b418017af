namespace MicroBackbone.Compiler.Config;

/// <summary>A model config together with its YAML text, which checkpoints embed so they rebuild the same model.</summary>
/// <param name="Config">The parsed, validated config.</param>
/// <param name="Yaml">The exact text it was read from.</param>
/// <param name="Source">Where it came from (a file path or a checkpoint), for error messages.</param>
public sealed record ModelConfigText(ModelConfig Config, string Yaml, string Source)
{
    /// <summary>Reads <paramref name="path"/> (or the shipped default when null) strictly.</summary>
    public static ModelConfigText Load(string? path)
    {
        string file = path ?? ModelConfig.DefaultPath;
        ModelConfig config = ModelConfig.Load(file);
        return new ModelConfigText(config, IO.InputFile.ReadAllText(file, "model config"), file);
    }

    /// <summary>Parses YAML embedded in a checkpoint; <paramref name="source"/> names the checkpoint in errors.</summary>
    public static ModelConfigText Parse(string yaml, string source)
    {
        ModelConfig config = YamlConfigReader.Parse<ModelConfig>(yaml, source);
        ModelConfigValidator.Validate(config, source);
        return new ModelConfigText(config, yaml, source);
    }
}
