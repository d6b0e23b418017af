using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Optimization;
using MicroBackbone.Ir;
using IrShiftOffset = MicroBackbone.Ir.ShiftOffset;

namespace MicroBackbone.Compiler.FrontEnds.TorchSharp;

/// <summary>
/// Lowers a <see cref="DeployMicroSignEdge"/>: stem conv + ReLU; per block [expand + ReLU] -> Shift -> depthwise +
/// ReLU -> squeeze-excite -> projection [+ Add]; head conv + ReLU -> GlobalAveragePool -> Reshape -> FullyConnected.
/// </summary>
internal static class EdgeLowering
{
    public static int Lower(IrEmitter emit, DeployMicroSignEdge model, int x)
    {
        IrGraphBuilder b = emit.Builder;
        x = b.Unary(IrOpKind.Relu, emit.Conv(x, model.Stem, "stem"), "stem.relu");
        for (int s = 0; s < model.Stages.Count; s++)
        {
            for (int i = 0; i < model.Stages[s].Blocks.Count; i++)
            {
                x = Block(emit, model.Stages[s].Blocks[i], x, $"stages.{s}.blocks.{i}");
            }
        }
        x = b.Unary(IrOpKind.Relu, emit.Conv(x, model.Head, "head"), "head.relu");
        return emit.Linear(emit.PoolFlatten(x, "pool"), model.Classifier, "classifier");
    }

    private static int Block(IrEmitter emit, DeployRsdBlock block, int input, string path)
    {
        IrGraphBuilder b = emit.Builder;
        int x = input;
        if (block.Expand != null)
        {
            x = b.Unary(IrOpKind.Relu, emit.Conv(x, block.Expand, path + ".expand"), path + ".expand.relu");
        }
        IEnumerable<IrShiftOffset> offsets = block.Shift.ChannelOffsets.Select(o => new IrShiftOffset(o.Dy, o.Dx));
        x = b.Shift(x, offsets, path + ".shift");
        x = b.Unary(IrOpKind.Relu, emit.Conv(x, block.Depthwise, path + ".dw"), path + ".dw.relu");
        x = SqueezeExcite(emit, x, block.SqueezeExcite, path + ".se");
        x = emit.Conv(x, block.Project, path + ".project");
        return block.Shape.HasResidual ? b.Add(x, input, FusedActivation.None, path + ".add") : x;
    }

    private static int SqueezeExcite(IrEmitter emit, int x, GroupedSqueezeExcite se, string path)
    {
        IrGraphBuilder b = emit.Builder;
        int pooled = b.Unary(IrOpKind.GlobalAveragePool, x, path + ".pool");
        int squeezed = b.Unary(IrOpKind.Relu, emit.Conv(pooled, se.Reduce, path + ".reduce"), path + ".reduce.relu");
        int gate = b.Unary(IrOpKind.HardSigmoid, emit.Conv(squeezed, se.Expand, path + ".expand"), path + ".gate");
        return b.Mul(x, gate, FusedActivation.None, path + ".scale");
    }
}
