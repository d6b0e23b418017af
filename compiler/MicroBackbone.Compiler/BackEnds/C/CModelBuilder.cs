using System.Globalization;
using MicroBackbone.Ir;
using MicroBackbone.Ir.Int8;
using MicroBackbone.Ir.Passes;
using MicroBackbone.Ir.Planning;
using MicroBackbone.Ir.Planning.Patching;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Decides the generated C: strips the float edges, runs the IR passes (dead code, activation fusion, in-place
/// marking), plans the arena, lowers every operator to one kernel call with compile-time constants, and gathers the
/// API facts (sizes, quantization of the edges, class names).
/// </summary>
internal static class CModelBuilder
{
    public static (CModel Model, CLowering Lowering, IrGraph Graph) Build(IrGraph graph, CEmitOptions options)
    {
        GraphValidator.Validate(graph);
        var g = EdgeQuantization.Strip(graph);
        g = DeadTensorElimination.Run(g);
        g = ActivationFusion.Run(g);
        PatchPlan? patches = null;
        if (options.Patches is { } patchOptions)
        {
            (g, patches) = CPatchSchedule.Choose(g, patchOptions);
        }

        g = InPlaceMarking.Run(g);
        GraphValidator.Validate(g);
        if (g.Inputs.Count == 0 || g.Outputs.Count == 0)
        {
            throw new CBackEndException($"C back end: graph '{graph.Name}' must have at least one input and one output, has {g.Inputs.Count} and {g.Outputs.Count}");
        }

        var plan = MemoryPlanner.Plan(g, MemoryPlanOptions.Default);
        var ctx = new CLowering(g, plan);
        for (var i = 0; i < g.Operators.Count; i++)
        {
            Lower(ctx, i, g.Operators[i]);
        }

        var single = g.Inputs.Count == 1 && g.Outputs.Count == 1;
        var inputs = g.Inputs.Select((id, i) => Edge(g.Tensor(id), plan, "input", single ? null : i, graph.Name, IsFloat(graph, graph.Inputs[i]))).ToList();
        var outputs = g.Outputs.Select((id, i) => Edge(g.Tensor(id), plan, "output", single ? null : i, graph.Name, IsFloat(graph, graph.Outputs[i]))).ToList();
        var input = g.Tensor(g.Inputs[0]);
        var sample = options.SampleInput ?? Enumerable.Repeat((sbyte)input.Quant!.ZeroPoints[0], (int)input.ElementCount).ToArray();
        if (sample.Length != input.ElementCount)
        {
            throw new CBackEndException($"C back end: the sample input has {sample.Length} bytes but model '{graph.Name}' reads {input.ElementCount}");
        }

        var model = new CModel
        {
            NameComment = CIdentifiers.Comment(graph.Name),
            NameLiteral = CLiterals.String(graph.Name),
            SummaryComment = string.Format(CultureInfo.InvariantCulture, "{0} kernel calls, {1} MACs, {2} bytes of constants, {3} bytes of arena, {4} bytes of patch buffer",
                ctx.Layers.Count, ctx.Macs, ctx.ConstantBytes, Math.Max(1, plan.ArenaBytes), 2 * ctx.PatchElements)
                + (ctx.RowBytes > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0} bytes of depthwise row ring", ctx.RowBytes) : string.Empty)
                + (ctx.States.Count > 0 ? string.Format(CultureInfo.InvariantCulture, ", {0} bytes of operator state", ctx.States.Sum(s => s.Bytes)) : string.Empty)
                + (patches?.Schedule is { } schedule ? string.Format(CultureInfo.InvariantCulture, "; the first {0} operators run in {1} row bands ({2} MACs computed again)", schedule.SegmentLength, schedule.BandCount, schedule.RecomputeMacs) : string.Empty),
            MetadataComments = g.Metadata.Select(p => CIdentifiers.Comment($"{p.Key}: {p.Value}")).ToList(),
            Patches = patches,
            ArenaBytes = Math.Max(1, plan.ArenaBytes),
            PatchElements = ctx.PatchElements,
            RowBytes = ctx.RowBytes,
            Inputs = inputs,
            Outputs = outputs,
            ClassNameLiterals = g.ClassNames.Select(CLiterals.String).ToList(),
            Kernels = ctx.Kernels,
            Arrays = ctx.Arrays,
            Layers = ctx.Layers,
            States = ctx.States,
            FixedShapeKernels = ctx.FixedShapes.Definitions,
            SampleInputLines = CLiterals.Lines(sample.Select(v => (long)v)),
            ProjectName = CIdentifiers.Identifier(options.ProjectName, "mb_app"),
        };
        return (model, ctx, g);
    }

    /// <summary>
    /// Arena and scratch bytes of <paramref name="graph"/> (passes already run, in-place marking not yet) as this back
    /// end would plan and lower it.
    /// </summary>
    internal static (long Arena, long Scratch) Footprint(IrGraph graph)
    {
        var g = InPlaceMarking.Run(graph);
        var ctx = new CLowering(g, MemoryPlanner.Plan(g, MemoryPlanOptions.Default));
        for (var i = 0; i < g.Operators.Count; i++)
        {
            Lower(ctx, i, g.Operators[i]);
        }

        return (ctx.Plan.ArenaBytes, (2 * ctx.PatchElements) + ctx.RowBytes);
    }

    private static void Lower(CLowering ctx, int index, IrOperator op)
    {
        switch (op.Kind)
        {
            case IrOpKind.Conv2D:
                ConvolutionLowering.Conv2D(ctx, index, op);
                break;
            case IrOpKind.DepthwiseConv2D:
                ConvolutionLowering.Depthwise(ctx, index, op);
                break;
            case IrOpKind.FullyConnected:
                ConvolutionLowering.FullyConnected(ctx, index, op);
                break;
            case IrOpKind.Add or IrOpKind.Mul:
                ElementwiseLowering.Binary(ctx, index, op);
                break;
            case IrOpKind.Relu or IrOpKind.Relu6 or IrOpKind.HardSigmoid or IrOpKind.HardSwish or IrOpKind.Sigmoid:
                ElementwiseLowering.Table(ctx, index, op);
                break;
            case IrOpKind.Quantize when ctx.Graph.Tensor(op.Inputs[0]).DataType == IrDataType.Int8:
                ElementwiseLowering.Table(ctx, index, op);
                break;
            case IrOpKind.Softmax:
                ElementwiseLowering.Softmax(ctx, index, op);
                break;
            case IrOpKind.LeakyRelu or IrOpKind.Tanh:
                ElementwiseLowering.Table(ctx, index, op);
                break;
            case IrOpKind.Sub or IrOpKind.Maximum or IrOpKind.Minimum or IrOpKind.Prelu:
                BinaryMathLowering.Lower(ctx, index, op);
                break;
            case IrOpKind.ResizeNearestNeighbor or IrOpKind.ResizeBilinear:
                ResizeLowering.Lower(ctx, index, op);
                break;
            case IrOpKind.Shift:
                LayoutLowering.Shift(ctx, index, op);
                break;
            case IrOpKind.Pad:
                LayoutLowering.Pad(ctx, index, op);
                break;
            case IrOpKind.AveragePool2D or IrOpKind.MaxPool2D:
                LayoutLowering.Pool(ctx, index, op);
                break;
            case IrOpKind.GlobalAveragePool:
                LayoutLowering.Mean(ctx, index, op);
                break;
            case IrOpKind.Reshape:
                LayoutLowering.Reshape(ctx, index, op);
                break;
            case IrOpKind.Svdf:
                SvdfLowering.Svdf(ctx, index, op);
                break;
            case IrOpKind.Transpose or IrOpKind.StridedSlice or IrOpKind.Concatenation or IrOpKind.PadV2:
                StridedCopyLowering.Lower(ctx, index, op);
                break;
            case IrOpKind.TransposeConv2D:
                TransposeConvLowering.Lower(ctx, index, op);
                break;
            default:
                throw Int8Bridge.Unsupported(op, "is only supported at the graph edges (float input -> Quantize, Dequantize -> float output)");
        }
    }

    // The edge as the file declares it (before EdgeQuantization.Strip, which keeps the edges' order).
    private static bool IsFloat(IrGraph declared, int tensorId) => declared.Tensor(tensorId).DataType == IrDataType.Float32;

    // index is null when the model has one input and one output: the API keeps the names input/output, MB_INPUT_*.
    private static CTensorInfo Edge(IrTensor t, MemoryPlan plan, string role, int? index, string graphName, bool isFloat)
    {
        if (t.DataType != IrDataType.Int8 || t.Quant is not { IsPerChannel: false } q)
        {
            throw new CBackEndException($"C back end: graph '{graphName}' {role} {t.Describe()} must be int8 with per-tensor quantization (or float32 behind a Quantize/Dequantize)");
        }

        var suffix = index?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        var prefix = "MB_" + role.ToUpperInvariant() + suffix;
        var label = char.ToUpperInvariant(role[0]) + role.Substring(1) + (index is null ? string.Empty : " " + suffix);

        var names = t.Shape.Count == 4 ? new[] { "BATCH", "HEIGHT", "WIDTH", "CHANNELS" } : t.Shape.Select((_, i) => "DIM" + i).ToArray();
        return new CTensorInfo
        {
            Label = label,
            Prefix = prefix,
            Param = role + suffix,
            Size = t.ElementCount,
            ArenaOffset = plan.OffsetOf(t.Id),
            ShapeComment = CIdentifiers.Comment($"'{t.Name}' int8{t.Shape}"),
            Dims = t.Shape.Select((d, i) => new CDefine($"{prefix}_{names[i]}", CLiterals.Int(d))).ToList(),
            Scale = CLiterals.Float(new QuantizationParams(q.Scales[0], q.ZeroPoints[0]).Scale),
            ZeroPoint = CLiterals.Macro(q.ZeroPoints[0]),
            IsFloat = isFloat,
        };
    }
}
