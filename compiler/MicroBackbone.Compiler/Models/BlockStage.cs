using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MicroBackbone.Compiler.Models;

/// <summary>
/// One stage of blocks run in order (registered as <c>blocks.0</c>, <c>blocks.1</c>, ...): the training model's
/// <see cref="RsdBlock"/>s or the deploy model's fused blocks, with the same state-dict names.
/// </summary>
public sealed class BlockStage<TBlock> : nn.Module<Tensor, Tensor>
    where TBlock : nn.Module<Tensor, Tensor>
{
    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly ModuleList<TBlock> blocks;

    /// <summary>Holds <paramref name="stageBlocks"/>, the first of which carries the stage's stride.</summary>
    public BlockStage(IEnumerable<TBlock> stageBlocks)
        : base("BlockStage")
    {
        blocks = nn.ModuleList(stageBlocks.ToArray());
        RegisterComponents();
    }

    /// <summary>The blocks; the first carries the stage's stride.</summary>
    public ModuleList<TBlock> Blocks => blocks;

    /// <summary>Runs every block in order.</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor x = input;
        foreach (TBlock block in Blocks)
        {
            x = block.forward(x);
        }
        return x;
    }
}
