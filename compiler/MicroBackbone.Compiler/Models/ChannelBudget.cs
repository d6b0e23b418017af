namespace MicroBackbone.Compiler.Models;

/// <summary>
/// Trims a variant's widths so every int8 activation tensor fits an SRAM budget. Every tensor a section produces
/// (stem output; per block the expanded/shifted tensor, the depthwise and squeeze-excite output and the projection;
/// the head conv output) has a channel count proportional to exactly one width (stem, a stage or the head), so each
/// width has its own bound: budget / the largest bytes-per-channel of the tensors that scale with it. A stage's
/// first block expands the previous width, so that width is trimmed too when the expanded tensor would not fit.
/// Widths only shrink, in steps of 8, never below 8. The input image is not counted: it is not produced on-chip.
/// </summary>
public static class ChannelBudget
{
    /// <summary>Fits <paramref name="arch"/> into its own <see cref="EdgeArchitecture.SramBudgetBytes"/>.</summary>
    public static EdgeArchitecture Fit(EdgeArchitecture arch) => Fit(arch, arch.SramBudgetBytes);

    /// <summary>
    /// Returns <paramref name="arch"/> with widths trimmed so no int8 activation exceeds <paramref name="budgetBytes"/>;
    /// the result carries <paramref name="budgetBytes"/> as its budget.
    /// </summary>
    /// <exception cref="ChannelBudgetException">Some section does not fit even at 8 channels.</exception>
    public static EdgeArchitecture Fit(EdgeArchitecture arch, long budgetBytes)
    {
        int[] widths = ActivationTensor.Widths(arch);
        var largestFactor = new long[widths.Length];
        foreach (ActivationTensor tensor in ActivationTensor.Enumerate(arch))
        {
            largestFactor[tensor.WidthSlot] = Math.Max(largestFactor[tensor.WidthSlot], tensor.Factor);
        }
        for (int slot = 0; slot < widths.Length; slot++)
        {
            long fitting = budgetBytes / largestFactor[slot] / 8 * 8;
            if (fitting < 8)
            {
                throw new ChannelBudgetException(
                    $"{arch.Name}: an SRAM budget of {budgetBytes} bytes is too small: the {SlotName(arch, slot)} " +
                    $"needs {8 * largestFactor[slot]} bytes even at 8 channels");
            }
            widths[slot] = (int)Math.Min(widths[slot], fitting);
        }
        EdgeStage[] stages = arch.Stages.Select((s, i) => s with { Channels = widths[i + 1], HiddenChannels = null }).ToArray();
        return arch with
        {
            StemChannels = widths[0],
            HeadChannels = widths[^1],
            Stages = stages,
            SramBudgetBytes = budgetBytes,
        };
    }

    private static string SlotName(EdgeArchitecture arch, int slot) =>
        slot == 0 ? "stem" : slot == arch.Stages.Count + 1 ? "head" : $"stage {slot - 1}";
}
