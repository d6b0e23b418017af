using MicroBackbone.Ir.Planning.Patching;

namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>Optional knobs of <see cref="CBackEnd.Emit"/>.</summary>
/// <param name="SampleInput">
/// The int8 input embedded in the ESP-IDF <c>main.c</c> (exactly the model's input size); null embeds the input zero
/// point everywhere (a real-zero image).
/// </param>
/// <param name="ProjectName">ESP-IDF project name (sanitized to a C identifier).</param>
/// <param name="Patches">
/// When set, the early layers may run patch by patch (<see cref="PatchPlanner"/>); with
/// <see cref="PatchPlanOptions.MemoryBudget"/> the budget counts the arena plus the scratch buffers. Null: no patches.
/// </param>
public sealed record CEmitOptions(sbyte[]? SampleInput = null, string ProjectName = "mb_app", PatchPlanOptions? Patches = null)
{
    /// <summary>No sample input, project <c>mb_app</c>.</summary>
    public static CEmitOptions Default { get; } = new();
}
