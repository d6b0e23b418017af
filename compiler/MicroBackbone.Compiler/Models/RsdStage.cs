using static TorchSharp.torch;
using TorchSharp.Modules;

namespace MicroBackbone.Compiler.Models;

/// <summary>One stage of RSD blocks, run in order (registered as <c>blocks.0</c>, <c>blocks.1</c>, ...).</summary>
public sealed class RsdStage : nn.Module<Tensor, Tensor>
{
    // RegisterComponents names submodules after these fields, so the field names are the state-dict names.
    private readonly ModuleList<RsdBlock> blocks;

    /// <summary>Builds the blocks <paramref name="shapes"/> describe.</summary>
    public RsdStage(IEnumerable<BlockShape> shapes, int seGroups)
        : base(nameof(RsdStage))
    {
        blocks = nn.ModuleList(shapes.Select(shape => new RsdBlock(shape, seGroups)).ToArray());
        RegisterComponents();
    }

    /// <summary>The blocks; the first carries the stage's stride.</summary>
    public ModuleList<RsdBlock> Blocks => blocks;

    /// <summary>Runs every block in order.</summary>
    public override Tensor forward(Tensor input)
    {
        Tensor x = input;
        foreach (RsdBlock block in Blocks)
        {
            x = block.forward(x);
        }
        return x;
    }
}
