namespace MicroBackbone.Compiler.BackEnds.C;

/// <summary>What <see cref="CBackEnd.Emit"/> produced, for the <c>compile</c> command to print.</summary>
/// <param name="ModelName">The graph's name.</param>
/// <param name="Operators">Kernel calls in the generated <c>mb_model_invoke</c> (in-place reshapes are free and not counted).</param>
/// <param name="Macs">Multiply-accumulates of one inference (convolutions and fully connected layers).</param>
/// <param name="WeightBytes">Bytes of constant data (weights, folded biases, multipliers, shifts, tables) placed in flash.</param>
/// <param name="ArenaBytes">Bytes of the static activation arena (RAM).</param>
/// <param name="ScratchBytes">Bytes of RAM besides the arena: the int16 patch buffer convolutions and fully connected layers widen their input rows into, plus the row ring of in-place depthwise convolutions.</param>
/// <param name="InputBytes">Bytes of the int8 input <c>mb_model_invoke</c> reads (MB_INPUT_SIZE).</param>
/// <param name="OutputBytes">Bytes of the int8 output it writes (MB_OUTPUT_SIZE).</param>
/// <param name="Kernels">Kernel families emitted into <c>mb_kernels.h</c>, in emission order.</param>
/// <param name="Files">Paths of the written files relative to the output folder, '/'-separated, sorted.</param>
/// <param name="Patches">The patch plan when patches were asked for (see <see cref="CEmitOptions.Patches"/>), else null.</param>
public sealed record CEmitSummary(
    string ModelName,
    int Operators,
    long Macs,
    long WeightBytes,
    long ArenaBytes,
    long ScratchBytes,
    long InputBytes,
    long OutputBytes,
    IReadOnlyList<string> Kernels,
    IReadOnlyList<string> Files,
    MicroBackbone.Ir.Planning.Patching.PatchPlan? Patches = null);
