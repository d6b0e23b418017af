namespace MicroBackbone.Compiler.Models;

/// <summary>Size and cost of one section of a network: the stem, one stage, or the head with the classifier.</summary>
/// <param name="Name">"stem", "stage 0", ..., "head".</param>
/// <param name="Channels">Output channels of the section (the classifier's input for the head).</param>
/// <param name="Blocks">RSD blocks in the section (0 for stem and head).</param>
/// <param name="OutputSize">Height and width of the section's feature map.</param>
/// <param name="Parameters">Trainable parameters (BatchNorm scale and shift count; running statistics do not).</param>
/// <param name="Macs">Multiply-accumulates of one inference, as <see cref="ModelSummary"/> defines them.</param>
/// <param name="PeakActivationBytes">Largest int8 tensor a layer of the section produces.</param>
/// <param name="BudgetBytes">The SRAM budget the peak is compared against.</param>
public sealed record SectionSummary(
    string Name,
    int Channels,
    int Blocks,
    int OutputSize,
    long Parameters,
    long Macs,
    long PeakActivationBytes,
    long BudgetBytes)
{
    /// <summary>Whether the section's largest activation exceeds the SRAM budget.</summary>
    public bool OverBudget => PeakActivationBytes > BudgetBytes;
}
