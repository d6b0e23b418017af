using MicroBackbone.Ir;

namespace MicroBackbone.CSharpEmitter.Spec;

/// <summary>
/// Everything the emitter needs to write a model class, and nothing else: integers, names and shapes, all with value
/// equality, so the source generator caches on it (parsed once per <c>.mbir</c> content, compared cheaply after).
/// </summary>
/// <param name="ModelName">The graph's name (model text; the emitter escapes it).</param>
/// <param name="Metadata">The graph's metadata, sorted by key, for the header comment.</param>
/// <param name="ClassNames">Class labels in output index order (may be empty).</param>
/// <param name="Inputs">The graph inputs in order (after stripping the float edges).</param>
/// <param name="Outputs">The graph outputs in order.</param>
/// <param name="ArenaBytes">Activation arena size from the memory planner.</param>
/// <param name="Constants">Weights, biases and per-channel parameters, in first-use order.</param>
/// <param name="Steps">Layer calls in execution order.</param>
/// <param name="StateLength">int16 values of operator state (outside the arena, kept between calls); 0 when stateless.</param>
/// <param name="StateFills">Slices of the state that start and reset at a value other than 0 (null or empty: none).</param>
internal sealed record ModelSpec(
    string ModelName,
    EquatableArray<KeyValuePair<string, string>> Metadata,
    EquatableArray<string> ClassNames,
    EquatableArray<EdgeSpec> Inputs,
    EquatableArray<EdgeSpec> Outputs,
    int ArenaBytes,
    EquatableArray<ConstantSpec> Constants,
    EquatableArray<StepSpec> Steps,
    int StateLength = 0,
    EquatableArray<StateFillSpec>? StateFills = null);

/// <summary>A slice of the state buffer that resets to a value other than 0 (an int8 SVDF state's zero point).</summary>
internal sealed record StateFillSpec(ArenaRegion Region, short Value);
