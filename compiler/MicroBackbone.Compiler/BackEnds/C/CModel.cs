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

    public required long ArenaBytes { get; init; }

    public required long PatchElements { get; init; }

    public required long RowBytes { get; init; }

    public required CTensorInfo Input { get; init; }

    public required CTensorInfo Output { get; init; }

    public required IReadOnlyList<string> ClassNameLiterals { get; init; }

    public required IReadOnlyList<string> Kernels { get; init; }

    public required IReadOnlyList<CArray> Arrays { get; init; }

    public required IReadOnlyList<CLayer> Layers { get; init; }

    /// <summary>Static state buffers (RAM outside the arena), zeroed by <c>mb_model_reset</c>.</summary>
    public required IReadOnlyList<CState> States { get; init; }

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
    public required long Size { get; init; }

    public required long ArenaOffset { get; init; }

    public required string ShapeComment { get; init; }

    public required IReadOnlyList<CDefine> Dims { get; init; }

    public required string Scale { get; init; }

    public required string ZeroPoint { get; init; }
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
}

/// <summary>A designated initializer <c>.name = value</c>.</summary>
internal sealed record CField(string Name, string Value);
