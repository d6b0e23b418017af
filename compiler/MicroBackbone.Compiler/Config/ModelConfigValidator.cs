namespace MicroBackbone.Compiler.Config;

/// <summary>Checks the values of a deserialized <see cref="ModelConfig"/>; the YAML reader only checks shape.</summary>
internal static class ModelConfigValidator
{
    // Upper bounds far above any microcontroller model; they keep a typo (or a hostile file) from asking TorchSharp
    // for terabytes or overflowing 32-bit sizes downstream.
    private const int MaxWidth = 4096;
    private const int MaxSide = 4096;
    private const int MaxBlocks = 64;
    private const int MaxExpansion = 16;
    private const int MaxClasses = 100_000;

    public static void Validate(ModelConfig config, string source)
    {
        // An empty `model:` or `variants:` section deserializes to null despite the property initializers.
        if (config.Model == null)
        {
            throw Error(source, "model", "expected a mapping {arch, num_classes, input_size, input_channels}");
        }
        if (config.Variants == null || config.Variants.Count == 0)
        {
            throw Error(source, "variants", "expected at least one variant");
        }
        foreach ((string name, EdgeVariantConfig variant) in config.Variants.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            ValidateVariant(variant, source, $"variants.{name}");
        }
        ModelSection model = config.Model;
        if (!config.Variants.ContainsKey(model.Arch ?? ""))
        {
            throw Error(source, "model.arch", $"unknown arch '{model.Arch}'; valid archs: {ValidArchs(config)}");
        }
        RequireBetween(model.NumClasses, 1, MaxClasses, source, "model.num_classes");
        RequireBetween(model.InputSize, 8, MaxSide, source, "model.input_size");
        RequireBetween(model.InputChannels, 1, MaxSide, source, "model.input_channels");
    }

    /// <summary>The variant names, sorted and comma separated, for error messages.</summary>
    public static string ValidArchs(ModelConfig config) =>
        string.Join(", ", config.Variants.Keys.OrderBy(k => k, StringComparer.Ordinal));

    private static void ValidateVariant(EdgeVariantConfig variant, string source, string key)
    {
        if (variant == null)
        {
            throw Error(source, key, "expected a mapping with the variant's widths");
        }
        RequireWidth(variant.StemChannels, source, $"{key}.stem_channels");
        RequireStride(variant.StemStride, source, $"{key}.stem_stride");
        RequireWidth(variant.HeadChannels, source, $"{key}.head_channels");
        if (variant.SramBudgetBytes < 1)
        {
            throw Error(source, $"{key}.sram_budget_bytes", $"expected a positive byte count, got {variant.SramBudgetBytes}");
        }
        // Widths are multiples of 8, so groups dividing 8 always divide every squeeze-excite width.
        if (variant.SeGroups is not (1 or 2 or 4 or 8))
        {
            throw Error(source, $"{key}.se_groups", $"expected 1, 2, 4 or 8, got {variant.SeGroups}");
        }
        RequireBetween(variant.SeReduction, 1, MaxWidth, source, $"{key}.se_reduction");
        if (variant.Stages == null || variant.Stages.Count == 0)
        {
            throw Error(source, $"{key}.stages", "expected at least one stage");
        }
        for (int i = 0; i < variant.Stages.Count; i++)
        {
            StageConfig stage = variant.Stages[i];
            string stageKey = $"{key}.stages[{i}]";
            if (stage == null)
            {
                throw Error(source, stageKey, "expected a mapping {channels, blocks, stride, expansion}");
            }
            RequireWidth(stage.Channels, source, $"{stageKey}.channels");
            RequireBetween(stage.Blocks, 1, MaxBlocks, source, $"{stageKey}.blocks");
            RequireStride(stage.Stride, source, $"{stageKey}.stride");
            RequireBetween(stage.Expansion, 1, MaxExpansion, source, $"{stageKey}.expansion");
            if (stage.HiddenChannels != null)
            {
                if (stage.Expansion < 2)
                {
                    throw Error(source, $"{stageKey}.hidden_channels", "only blocks with expansion > 1 have hidden channels");
                }
                if (stage.HiddenChannels.Count != stage.Blocks)
                {
                    throw Error(source, $"{stageKey}.hidden_channels", $"expected one width per block ({stage.Blocks}), got {stage.HiddenChannels.Count}");
                }
                for (int b = 0; b < stage.HiddenChannels.Count; b++)
                {
                    RequireWidth(stage.HiddenChannels[b], source, $"{stageKey}.hidden_channels[{b}]");
                }
            }
        }
    }

    private static void RequireWidth(int value, string source, string key)
    {
        if (value < 8 || value > MaxWidth || value % 8 != 0)
        {
            throw Error(source, key, $"expected a multiple of 8 channels from 8 to {MaxWidth}, got {value}");
        }
    }

    private static void RequireStride(int value, string source, string key)
    {
        if (value is not (1 or 2))
        {
            throw Error(source, key, $"expected stride 1 or 2, got {value}");
        }
    }

    private static void RequireBetween(int value, int minimum, int maximum, string source, string key)
    {
        if (value < minimum || value > maximum)
        {
            throw Error(source, key, $"expected an integer from {minimum} to {maximum}, got {value}");
        }
    }

    private static ConfigException Error(string source, string key, string expected) =>
        new($"{source}: {key}: {expected}");
}
