using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Checkpoints;

/// <summary>conv 3->4 (3x3, pad 1) -> bn -> relu -> global average -> linear; mirrors TinyNet in make_fixtures.py.</summary>
internal sealed class TinyNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv;
    private readonly BatchNorm2d bn;
    private readonly Linear fc;

    public TinyNet(int classes = 3)
        : base(nameof(TinyNet))
    {
        conv = nn.Conv2d(3, 4, 3, padding: 1);
        bn = nn.BatchNorm2d(4);
        fc = nn.Linear(4, classes);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        Tensor pooled = nn.functional.relu(bn.forward(conv.forward(input))).mean([2L, 3L]);
        return fc.forward(pooled).MoveToOuterDisposeScope();
    }

    /// <summary>A module with seeded weights and non-trivial BatchNorm statistics, in eval mode.</summary>
    public static TinyNet Seeded(long seed, int classes = 3)
    {
        torch.manual_seed(seed);
        var net = new TinyNet(classes);
        using (no_grad())
        {
            var state = net.state_dict();
            state["bn.running_mean"].copy_(torch.rand(4) - 0.5f);
            state["bn.running_var"].copy_(torch.rand(4) + 0.5f);
            state["bn.num_batches_tracked"].fill_(5);
        }
        net.eval();
        return net;
    }
}
