namespace MicroBackbone.Compiler.Profiling;

/// <summary>One kernel call of the generated <c>mb_model_run</c>, as profiled.</summary>
/// <param name="Index">Its position in <c>mb_model_run</c> (the id its <c>MB_LAYER_DONE</c> passes).</param>
/// <param name="Name">The IR operator's name.</param>
/// <param name="Op">The IR operator kind (after activation fusion: a convolution may carry its activation).</param>
/// <param name="Kernel">The C kernel function it calls.</param>
/// <param name="Macs">Its multiply-accumulates (convolutions and fully connected layers; 0 for the others).</param>
/// <param name="Instructions">
/// Instructions between the mark before and the mark after it in the <c>-DMB_PROFILE</c> build, less the measured
/// cost of one mark. The first layer's figure also holds copying the input into the arena, the last one's copying the
/// output out.
/// </param>
public sealed record LayerProfile(int Index, string Name, string Op, string Kernel, long Macs, long Instructions)
{
    /// <summary>Instructions per multiply-accumulate, or null for layers without MACs.</summary>
    public double? InstructionsPerMac => Macs > 0 ? (double)Instructions / Macs : null;
}
