namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>The <see cref="EdgeNano"/> class the source generator wrote from edge_nano.mbir at build time.</summary>
public sealed class CompiledModel : IClassifierModel
{
    private readonly EdgeNano _model = new();

    /// <inheritdoc />
    public string Description => "compiled-in edge_nano (generated class)";

    /// <inheritdoc />
    public ReadOnlySpan<int> InputShape => EdgeNano.InputShape;

    /// <inheritdoc />
    public int InputLength => EdgeNano.InputLength;

    /// <inheritdoc />
    public int OutputLength => EdgeNano.OutputLength;

    /// <inheritdoc />
    public int ArenaBytes => EdgeNano.ArenaBytes;

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => EdgeNano.ClassNames;

    /// <inheritdoc />
    public void InvokeFloat(ReadOnlySpan<float> input, Span<float> logits) => _model.InvokeFloat(input, logits);

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<float> input) => _model.Predict(input);
}
