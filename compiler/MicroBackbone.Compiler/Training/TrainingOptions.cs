namespace MicroBackbone.Compiler.Training;

/// <summary>Hyper-parameters of one training run; the CLI fills them from its options.</summary>
public sealed record TrainingOptions
{
    /// <summary>Total epochs (a resumed run continues up to this count).</summary>
    public int Epochs { get; init; } = 30;

    /// <summary>Peak learning rate, reached at the end of the warm-up.</summary>
    public double LearningRate { get; init; } = 0.05;

    /// <summary>Optimizer.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Sgd;

    /// <summary>SGD momentum (ignored by AdamW).</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Weight decay (L2 for SGD, decoupled for AdamW).</summary>
    public double WeightDecay { get; init; } = 5e-4;

    /// <summary>Label smoothing of the training cross-entropy, in [0, 1).</summary>
    public double LabelSmoothing { get; init; } = 0.1;

    /// <summary>Epochs of linear warm-up before the cosine decay; may be fractional or zero.</summary>
    public double WarmupEpochs { get; init; } = 1;

    /// <summary>Images per training batch.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Seed of the data order, the augmentation and torch's generator.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Use only the first this-many training images (quick experiments); null for all.</summary>
    public int? LimitTrain { get; init; }

    /// <summary>Use only the first this-many validation images; null for all.</summary>
    public int? LimitValidation { get; init; }

    /// <summary>
    /// Torch intra-op threads; 0 means one per processor. Defaults to 1: tiny CNNs gain little from more, and on a
    /// busy machine libtorch's spinning worker threads made a 2-thread run over 20x slower than a 1-thread run.
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>Parses an optimizer name as typed on the command line (<c>sgd</c> or <c>adamw</c>).</summary>
    public static OptimizerKind ParseOptimizer(string name) => name.ToLowerInvariant() switch
    {
        "sgd" => OptimizerKind.Sgd,
        "adamw" => OptimizerKind.AdamW,
        _ => throw new TrainingException($"--optimizer: '{name}' is not sgd or adamw"),
    };

    /// <summary>Checks every value, naming the command-line option that is wrong.</summary>
    public void Validate()
    {
        Check(Epochs >= 1, $"--epochs: {Epochs} must be at least 1");
        Check(LearningRate > 0 && double.IsFinite(LearningRate), $"--lr: {LearningRate} must be a positive number");
        Check(Momentum >= 0 && Momentum < 1, $"--momentum: {Momentum} must be in [0, 1)");
        Check(WeightDecay >= 0 && double.IsFinite(WeightDecay), $"--weight-decay: {WeightDecay} must be zero or positive");
        Check(LabelSmoothing >= 0 && LabelSmoothing < 1, $"--label-smoothing: {LabelSmoothing} must be in [0, 1)");
        Check(WarmupEpochs >= 0 && WarmupEpochs <= Epochs, $"--warmup-epochs: {WarmupEpochs} must be in [0, epochs={Epochs}]");
        Check(BatchSize >= 1, $"--batch-size: {BatchSize} must be at least 1");
        Check(LimitTrain is null or >= 1, $"--limit: {LimitTrain} must be at least 1");
        Check(LimitValidation is null or >= 1, $"--limit-val: {LimitValidation} must be at least 1");
        Check(Threads >= 0, $"--threads: {Threads} must be zero (all processors) or positive");
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new TrainingException(message);
        }
    }
}
