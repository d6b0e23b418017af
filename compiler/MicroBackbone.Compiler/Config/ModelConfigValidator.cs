namespace MicroBackbone.Compiler.Config;

/// <summary>Checks the values of a deserialized <see cref="ModelConfig"/>; the YAML reader only checks shape.</summary>
internal static class ModelConfigValidator
{
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
        RequireAtLeast(model.NumClasses, 1, source, "model.num_classes");
        RequireAtLeast(model.InputSize, 8, source, "model.input_size");
        RequireAtLeast(model.InputChannels, 1, source, "model.input_channels");
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
        RequireAtLeast(variant.SeReduction, 1, source, $"{key}.se_reduction");
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
            RequireAtLeast(stage.Blocks, 1, source, $"{stageKey}.blocks");
            RequireStride(stage.Stride, source, $"{stageKey}.stride");
            RequireAtLeast(stage.Expansion, 1, source, $"{stageKey}.expansion");
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
        if (value < 8 || value % 8 != 0)
        {
            throw Error(source, key, $"expected a positive multiple of 8 channels, got {value}");
        }
    }

    private static void RequireStride(int value, string source, string key)
    {
        if (value is not (1 or 2))
        {
            throw Error(source, key, $"expected stride 1 or 2, got {value}");
        }
    }

    private static void RequireAtLeast(int value, int minimum, string source, string key)
    {
        if (value < minimum)
        {
            throw Error(source, key, $"expected an integer >= {minimum}, got {value}");
        }
    }

    private static ConfigException Error(string source, string key, string expected) =>
        new($"{source}: {key}: {expected}");
}
