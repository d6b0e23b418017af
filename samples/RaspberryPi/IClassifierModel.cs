namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>
/// The model the app runs: the class generated at build time (<see cref="CompiledModel"/>, the fastest path) or a
/// model file chosen with <c>--model</c> (<see cref="LoadedModel"/>). Both allocate nothing per call.
/// </summary>
public interface IClassifierModel
{
    /// <summary>What runs, for the report (e.g. "compiled-in edge_nano").</summary>
    string Description { get; }

    /// <summary>NHWC input shape.</summary>
    ReadOnlySpan<int> InputShape { get; }

    /// <summary>Float inputs one call takes.</summary>
    int InputLength { get; }

    /// <summary>Logits one call writes.</summary>
    int OutputLength { get; }

    /// <summary>Bytes of the activation arena.</summary>
    int ArenaBytes { get; }

    /// <summary>Class labels the model carries (may be empty).</summary>
    IReadOnlyList<string> ClassNames { get; }

    /// <summary>Quantizes <paramref name="input"/>, runs the model and dequantizes the logits.</summary>
    void InvokeFloat(ReadOnlySpan<float> input, Span<float> logits);

    /// <summary>Runs the model and returns the index of the largest logit.</summary>
    int Predict(ReadOnlySpan<float> input);
}
