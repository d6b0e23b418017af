using MicroBackbone.Compiler.Models;
using MicroBackbone.Compiler.Training;
using MicroBackbone.Compiler.FrontEnds.TorchSharp;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Planning;
using MicroBackbone.Ir.Planning.Patching;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>
/// The activation arena a model will need once compiled to int8, before it is quantized: the float IR goes through
/// the passes the back ends run (dead tensors, activation fusion, in-place marking), its activations are sized as
/// int8, and the memory planner places them. Planning depends only on shapes and operator order, so this is the
/// arena <c>mbc compile</c> reports for the same model.
/// </summary>
public static class ArenaEstimate
{
    /// <summary>The int8 memory plan of the model <paramref name="architecture"/> describes (weights do not matter).</summary>
    public static MemoryPlan Plan(EdgeArchitecture architecture) => Plan(Lower(architecture));

    /// <summary>The float IR of the model <paramref name="architecture"/> describes, with seeded weights.</summary>
    public static IrGraph Lower(EdgeArchitecture architecture)
    {
        Trainer.Seed(0);
        using var model = new MicroSignEdge(architecture);
        var spec = new ModelSpec(architecture.Name, architecture.NumClasses,
            new Checkpoints.InputShape(architecture.InputChannels, architecture.InputSize, architecture.InputSize), Config.ModelConfigText.Load(null));
        return TorchSharpFrontEnd.Lower(model, spec);
    }

    /// <summary>The int8 memory plan of <paramref name="floatGraph"/>.</summary>
    public static MemoryPlan Plan(IrGraph floatGraph) => MemoryPlanner.Plan(InPlaceMarking.Run(Int8Sized(floatGraph)));

    /// <summary>
    /// The smallest arena a patch-based schedule of the early layers reaches on <paramref name="floatGraph"/> as int8
    /// (at most 15 % more MACs; <see cref="PatchPlanner"/>), beside the arena without patches.
    /// </summary>
    public static PatchPlan Patches(IrGraph floatGraph) => PatchPlanner.Plan(Int8Sized(floatGraph));

    // The passes the back ends run before in-place marking, with every activation sized as int8.
    private static IrGraph Int8Sized(IrGraph floatGraph)
    {
        IrGraph g = ActivationFusion.Run(DeadTensorElimination.Run(floatGraph));
        var placeholder = QuantParams.PerTensor(1f, 0);
        IEnumerable<IrTensor> tensors = g.Tensors.Select(t => t.IsConstant ? t : t with { DataType = IrDataType.Int8, Quant = placeholder });
        return new IrGraph(g.Name, tensors, g.Operators, g.Inputs, g.Outputs, g.ClassNames, g.Metadata);
    }
}
