using MicroBackbone.Runtime.Loader;

namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>A model file given with <c>--model</c>, planned once by MicroBackbone.Runtime.Loader's <see cref="RuntimeModel"/>.</summary>
public sealed class LoadedModel : IClassifierModel
{
    private readonly RuntimeModel _model;

    /// <summary>Loads <paramref name="path"/> (.mbir).</summary>
    /// <exception cref="ModelLoadException">The file cannot be run; the message is the app's error line.</exception>
    public LoadedModel(string path)
    {
        _model = RuntimeModel.Load(path);
        if (_model.Inputs.Count != 1 || _model.Outputs.Count != 1 || _model.Input.Shape.Length != 4)
        {
            throw new ModelLoadException(path,
                $"inputs: the app classifies one NHWC image; this model has {_model.Inputs.Count} input(s) of rank {_model.Inputs[0].Shape.Length} and {_model.Outputs.Count} output(s)");
        }

        Description = $"{Path.GetFileName(path)} loaded at run time";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public ReadOnlySpan<int> InputShape => _model.Input.Shape;

    /// <inheritdoc />
    public int InputLength => _model.Input.Length;

    /// <inheritdoc />
    public int OutputLength => _model.Output.Length;

    /// <inheritdoc />
    public int ArenaBytes => _model.ArenaBytes;

    /// <inheritdoc />
    public IReadOnlyList<string> ClassNames => _model.ClassNames;

    /// <inheritdoc />
    public void InvokeFloat(ReadOnlySpan<float> input, Span<float> logits) => _model.InvokeFloat(input, logits);

    /// <inheritdoc />
    public int Predict(ReadOnlySpan<float> input) => _model.Predict(input);
}
