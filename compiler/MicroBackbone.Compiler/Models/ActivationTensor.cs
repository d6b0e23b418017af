namespace MicroBackbone.Compiler.Models;

/// <summary>
/// One int8 activation tensor a network produces, described so its size scales with a single width:
/// bytes = width of <see cref="WidthSlot"/> x <see cref="Factor"/>. Slots and sections number the stem 0, the
/// stages 1..S and the head S+1.
/// </summary>
/// <param name="Section">The section (stem, stage, head) whose layer produces the tensor.</param>
/// <param name="WidthSlot">The width the tensor's channel count is proportional to.</param>
/// <param name="Factor">Spatial elements times expansion: bytes per channel of that width.</param>
internal readonly record struct ActivationTensor(int Section, int WidthSlot, long Factor)
{
    /// <summary>Every tensor the stem, each block (expanded, shifted, depthwise/SE and projected) and the head produce.</summary>
    public static IEnumerable<ActivationTensor> Enumerate(EdgeArchitecture arch)
    {
        long stemSize = arch.StemOutputSize;
        yield return new ActivationTensor(0, 0, stemSize * stemSize);
        foreach (BlockShape block in arch.BlockShapes())
        {
            int section = block.Stage + 1;
            // A block's first tensors scale with the width that feeds it: the previous section's for block 0.
            int inSlot = block.Block == 0 ? block.Stage : block.Stage + 1;
            long grow = Math.Max(1, block.Expansion);
            long inArea = (long)block.InSize * block.InSize;
            long outArea = (long)block.OutSize * block.OutSize;
            // Expanded (or, without expansion, shifted) tensor at the input resolution: the stride is in the dw conv.
            yield return new ActivationTensor(section, inSlot, grow * inArea);
            // Depthwise + identity sum, ReLU and squeeze-excite output.
            yield return new ActivationTensor(section, inSlot, grow * outArea);
            // Projection (and residual sum).
            yield return new ActivationTensor(section, section, outArea);
        }
        long finalSize = arch.FinalSize;
        yield return new ActivationTensor(arch.Stages.Count + 1, arch.Stages.Count + 1, finalSize * finalSize);
    }

    /// <summary>The widths by slot: stem, each stage, head.</summary>
    public static int[] Widths(EdgeArchitecture arch) =>
        [arch.StemChannels, .. arch.Stages.Select(s => s.Channels), arch.HeadChannels];
}
