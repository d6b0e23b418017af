using MicroBackbone.Ir.Planning.Patching;
namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>
/// Everything the templates need to lay out the generated C, decided by <see cref="CModelBuilder"/>: the templates
/// only loop and print. Property names reach Scriban in snake_case (<c>ArenaBytes</c> is <c>arena_bytes</c>).
/// </summary>
internal sealed class CModel
{
    public required string NameComment { get; init; }

    public required string NameLiteral { get; init; }

    public required string SummaryComment { get; init; }

    public required IReadOnlyList<string> MetadataComments { get; init; }

    /// <summary>The patch plan the early layers run under, or null when they run whole (not passed to templates).</summary>
    public PatchPlan? Patches { get; init; }

    public required long ArenaBytes { get; init; }

    public required long PatchElements { get; init; }

    public required long RowBytes { get; init; }

    /// <summary>The graph's inputs in order (one for most models; the sample apps and profiling take only one).</summary>
    public required IReadOnlyList<CTensorInfo> Inputs { get; init; }

    /// <summary>The graph's outputs in order.</summary>
    public required IReadOnlyList<CTensorInfo> Outputs { get; init; }

    /// <summary>The first input (the only one for the ESP-IDF app and profiling).</summary>
    public CTensorInfo Input => Inputs[0];

    /// <summary>The first output.</summary>
    public CTensorInfo Output => Outputs[0];

    /// <summary>True when the API has one input and one output (named <c>input</c>, <c>output</c>, <c>MB_INPUT_*</c>).</summary>
    public bool IsSingle => Inputs.Count == 1 && Outputs.Count == 1;

    /// <summary>Parameters of <c>mb_model_invoke</c>: one int8 pointer per input, then one per output.</summary>
    public string Int8Parameters => string.Join(", ", Inputs.Select(t => "const int8_t *" + t.Param).Concat(Outputs.Select(t => "int8_t *" + t.Param)));

    /// <summary>Parameters of <c>mb_model_invoke_float</c>: one float pointer per input, then one per output.</summary>
    public string FloatParameters => string.Join(", ", Inputs.Select(t => "const float *" + t.Param).Concat(Outputs.Select(t => "float *" + t.Param)));

    /// <summary>True when the file declares some edges float32 and others int8: <c>mb_model_invoke_declared</c> is then a
    /// function of its own (otherwise a macro naming <see cref="UniformEntry"/>).</summary>
    public bool HasMixedEdges => Inputs.Concat(Outputs).Any(t => t.IsFloat) && Inputs.Concat(Outputs).Any(t => !t.IsFloat);

    /// <summary>The entry point that takes every edge in its declared type when all edges share one type.</summary>
    public string UniformEntry => Inputs.Concat(Outputs).All(t => t.IsFloat) ? "mb_model_invoke_float" : "mb_model_invoke";

    /// <summary>Parameters of <c>mb_model_invoke_declared</c>: each edge in the type the file declares.</summary>
    public string DeclaredParameters => string.Join(", ", Inputs.Select(t => (t.IsFloat ? "const float *" : "const int8_t *") + t.Param)
        .Concat(Outputs.Select(t => (t.IsFloat ? "float *" : "int8_t *") + t.Param)));

    /// <summary>The condition under which an entry point returns -1: any pointer is NULL.</summary>
    public string NullCheck => string.Join(" || ", Inputs.Concat(Outputs).Select(t => t.Param + " == NULL"));

    public required IReadOnlyList<string> ClassNameLiterals { get; init; }

    public required IReadOnlyList<string> Kernels { get; init; }

    public required IReadOnlyList<CArray> Arrays { get; init; }

    public required IReadOnlyList<CLayer> Layers { get; init; }

    /// <summary>Static state buffers (RAM outside the arena), zeroed by <c>mb_model_reset</c>.</summary>
    public required IReadOnlyList<CState> States { get; init; }

    /// <summary>True when a state resets to a value other than 0, so the zero-initialized buffers need a reset before
    /// the first call.</summary>
    public bool NeedsFirstReset => States.Any(s => s.ResetValue != 0);

    /// <summary>Bytes of all <see cref="States"/>.</summary>
    public long StateBytes => States.Sum(s => s.Bytes);

    /// <summary>Macro lines that define the shape-specialized kernels the layers call (empty where none).</summary>
    public required IReadOnlyList<string> FixedShapeKernels { get; init; }

    public required IReadOnlyList<string> SampleInputLines { get; init; }

    public required string ProjectName { get; init; }
}

/// <summary>A graph input or output as the API exposes it (int8 NHWC bytes plus the float edge parameters).</summary>
internal sealed class CTensorInfo
{
    /// <summary>Words for comments: <c>Input</c>, or <c>Input 1</c> when the model has several.</summary>
    public required string Label { get; init; }

    /// <summary>Macro prefix: <c>MB_INPUT</c>, or <c>MB_INPUT1</c> when the model has several.</summary>
    public required string Prefix { get; init; }

    /// <summary>The entry points' parameter: <c>input</c>, or <c>input1</c> when the model has several.</summary>
    public required string Param { get; init; }

    public required long Size { get; init; }

    public required long ArenaOffset { get; init; }

    public required string ShapeComment { get; init; }

    public required IReadOnlyList<CDefine> Dims { get; init; }

    public required string Scale { get; init; }

    public required string ZeroPoint { get; init; }

    /// <summary>True when the file declares this edge float32 (a QUANTIZE reads it, a DEQUANTIZE makes it).</summary>
    public required bool IsFloat { get; init; }

    /// <summary>The element type the file declares: <c>float</c> or <c>int8_t</c>.</summary>
    public string DeclaredType => IsFloat ? "float" : "int8_t";
}

/// <summary>One <c>#define NAME value</c>.</summary>
internal sealed record CDefine(string Name, string Value);

/// <summary>A <c>static const</c> array in flash.</summary>
internal sealed class CArray
{
    public required string Name { get; init; }

    public required string ElementType { get; init; }

    public required int Count { get; init; }

    public required string Comment { get; init; }

    public required IReadOnlyList<string> Lines { get; init; }
}

/// <summary>One kernel call with its <c>static const</c> parameter struct.</summary>
internal sealed class CLayer
{
    public required int Index { get; init; }

    public required string Comment { get; init; }

    public required string Symbol { get; init; }

    public required string ParamsType { get; init; }

    public required string Function { get; init; }

    public required IReadOnlyList<CField> Fields { get; init; }

    public required IReadOnlyList<string> Args { get; init; }
}

/// <summary>The static buffer of one state tensor.</summary>
internal sealed class CState
{
    public required string Name { get; init; }

    public required string ElementType { get; init; }

    public required long Count { get; init; }

    public required long Bytes { get; init; }

    public required string Comment { get; init; }

    /// <summary>The value every element returns to on reset (0, or an int8 state's zero point).</summary>
    public required long ResetValue { get; init; }
}

/// <summary>A designated initializer <c>.name = value</c>.</summary>
internal sealed record CField(string Name, string Value);
