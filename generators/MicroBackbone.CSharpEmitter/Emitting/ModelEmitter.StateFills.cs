using MicroBackbone.CSharpEmitter.Spec;

namespace MicroBackbone.CSharpEmitter.Emitting;

/// <summary><c>Reset</c> and <c>ResetState</c> for a model with a state that does not reset to zero.</summary>
internal static partial class ModelEmitter
{
    // An int8 SVDF state starts and resets at its zero point (TFLite Micro's ResetVariableTensors): the instance's
    // state is filled when it is created and by Reset, and callers of the static entry points fill theirs with
    // ResetState.
    private static void StateFills(SourceWriter w, List<StateFillSpec> fills)
    {
        w.Line("public void Reset() => ResetState(_state);");
        w.Line();
        w.Line("/// <summary>Sets a state buffer (the static entry points' <c>state</c>) to the start of a stream: zero, and each int8 state's zero point.</summary>");
        w.Open($"public static void ResetState({Span}<short> state)");
        w.Line("state.Slice(0, StateLength).Clear();");
        foreach (var fill in fills)
        {
            w.Line($"state.Slice({CSharpLiteral.Int(fill.Region.Offset)}, {CSharpLiteral.Int(fill.Region.Length)}).Fill({CSharpLiteral.Int(fill.Value)});");
        }

        w.Close();
        w.Line();
        w.Open("private static short[] NewState()");
        w.Line("var state = new short[StateLength];");
        w.Line("ResetState(state);");
        w.Line("return state;");
        w.Close();
    }
}
