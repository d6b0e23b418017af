using MicroBackbone.Compiler.Models;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace MicroBackbone.Compiler.Config;

/// <summary>
/// Writes a model config back to YAML, so a model whose architecture changed (a structurally pruned one) carries a
/// config that rebuilds it: the checkpoint embeds this text, and every verb rebuilds the model from it.
/// </summary>
public static class ModelConfigWriter
{
    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    /// <summary>The YAML text of <paramref name="config"/> (the keys <c>model.yaml</c> uses).</summary>
    public static string ToYaml(ModelConfig config) => Serializer.Serialize(config);

    /// <summary>
    /// <paramref name="config"/> with the variant <paramref name="architecture"/> names set to its stage widths,
    /// including per-block hidden widths; validated by reading it back.
    /// </summary>
    public static ModelConfigText WithArchitecture(ModelConfigText config, EdgeArchitecture architecture)
    {
        ModelConfig copy = ModelConfigText.Parse(config.Yaml, config.Source).Config;
        EdgeVariantConfig variant = copy.Variants[architecture.Name];
        for (int s = 0; s < architecture.Stages.Count; s++)
        {
            EdgeStage stage = architecture.Stages[s];
            variant.Stages[s].Channels = stage.Channels;
            variant.Stages[s].HiddenChannels = stage.HiddenChannels?.ToList();
        }
        return ModelConfigText.Parse(ToYaml(copy), config.Source + " (pruned)");
    }
}
