using MicroBackbone.CSharpEmitter.Spec;

namespace MicroBackbone.CSharpEmitter.Emitting;

/// <summary><c>InvokeDeclared</c>: every input and output in the type the file declares.</summary>
internal static partial class ModelEmitter
{
    // A user who ran the file under TFLite Micro hands InvokeDeclared the same values: float spans where the file takes
    // or returns float32 (quantized and dequantized as InvokeFloat does), sbyte spans where it declares int8. When all
    // edges share one type it forwards to Invoke or InvokeFloat.
    private static void DeclaredEntry(SourceWriter w, ModelSpec spec, List<EdgeNames> inputs, List<EdgeNames> outputs)
    {
        var edges = inputs.Concat(outputs).ToList();
        var allFloat = edges.All(e => e.Spec.IsFloat);
        var allInt8 = edges.All(e => !e.Spec.IsFloat);
        string Name(EdgeNames e) => e.Spec.IsFloat ? e.FloatParameter : e.Parameter;
        string Type(EdgeNames e) => e.Spec.IsFloat ? "float" : "sbyte";
        var parameters = string.Join(", ", inputs.Select(e => $"{ReadOnlySpan}<{Type(e)}> {Name(e)}").Concat(outputs.Select(e => $"{Span}<{Type(e)}> {Name(e)}")));
        var arguments = string.Join(", ", edges.Select(Name));
        var cref = string.Join(", ", inputs.Select(e => $"global::System.ReadOnlySpan{{{Type(e)}}}").Concat(outputs.Select(e => $"global::System.Span{{{Type(e)}}}")));
        w.Line("/// <summary>Runs the model with every input and output in the type the model file declares (" + (allFloat ? "float32 throughout" : allInt8 ? "int8 throughout" : "float32 or int8 per edge")
            + "): what TFLite Micro takes and returns.</summary>");
        w.Line($"public void InvokeDeclared({parameters}) => InvokeDeclared({arguments}, _arena" + StateArgument(spec, "_state") + ");");
        w.Line();
        w.Line($"/// <summary>As <see cref=\"InvokeDeclared({cref})\"/> with a caller-provided arena.</summary>");
        if (allFloat || allInt8)
        {
            w.Line($"public static void InvokeDeclared({parameters}, {Span}<byte> arenaBytes" + StateParameter(spec) + ")");
            w.Indented(() => w.Line($"=> {(allFloat ? "InvokeFloat" : "Invoke")}({arguments}, arenaBytes" + StateArgument(spec, "state") + ");"));
            w.Line();
            return;
        }

        w.Open($"public static void InvokeDeclared({parameters}, {Span}<byte> arenaBytes" + StateParameter(spec) + ")");
        foreach (var e in edges)
        {
            CheckLength(w, Name(e), e.Name + "Length");
        }

        CheckState(w, spec);
        w.Line("var arena = ArenaOf(arenaBytes);");
        foreach (var e in inputs)
        {
            w.Line(e.Spec.IsFloat
                ? $"{Runtime}Quantize.Run({e.Name}Scale, {e.Name}ZeroPoint, {Name(e)}, {StepEmitter.Slice(e.Spec.Region)});"
                : $"{Name(e)}.CopyTo({StepEmitter.Slice(e.Spec.Region)});");
        }

        w.Line("Run(arena" + StateArgument(spec, "state") + ");");
        foreach (var e in outputs)
        {
            w.Line(e.Spec.IsFloat
                ? $"{Runtime}Dequantize.Run({e.Name}Scale, {e.Name}ZeroPoint, {StepEmitter.Slice(e.Spec.Region)}, {Name(e)});"
                : $"{StepEmitter.Slice(e.Spec.Region)}.CopyTo({Name(e)});");
        }

        w.Close();
        w.Line();
    }
}
