namespace MicroBackbone.Compiler.Training;

/// <summary>
/// Learning rate per optimizer step: a linear warm-up from peak/warmup to the peak over the first
/// <see cref="WarmupSteps"/> steps, then a half cosine from the peak down to <see cref="MinimumRate"/> at the last step.
/// A pure function of the step, so a resumed run continues on the same curve.
/// </summary>
public sealed class LearningRateSchedule
{
    /// <summary>Creates the schedule for <paramref name="totalSteps"/> steps.</summary>
    public LearningRateSchedule(double peakRate, int warmupSteps, int totalSteps, double minimumRate = 0)
    {
        if (totalSteps < 1 || warmupSteps < 0 || warmupSteps > totalSteps)
        {
            throw new ArgumentOutOfRangeException(nameof(warmupSteps), $"need 0 <= warm-up ({warmupSteps}) <= total ({totalSteps}), total >= 1");
        }
        PeakRate = peakRate;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        MinimumRate = minimumRate;
    }

    /// <summary>Rate at the end of the warm-up.</summary>
    public double PeakRate { get; }

    /// <summary>Steps of linear warm-up.</summary>
    public int WarmupSteps { get; }

    /// <summary>Steps in the whole run.</summary>
    public int TotalSteps { get; }

    /// <summary>Rate the cosine ends at.</summary>
    public double MinimumRate { get; }

    /// <summary>The schedule for a run of whole epochs with a (possibly fractional) number of warm-up epochs.</summary>
    public static LearningRateSchedule ForEpochs(double peakRate, double warmupEpochs, int epochs, int stepsPerEpoch) =>
        new(peakRate, (int)Math.Round(warmupEpochs * stepsPerEpoch), epochs * stepsPerEpoch);

    /// <summary>The rate for 0-based step <paramref name="step"/>; steps past the end keep the final rate.</summary>
    public double At(int step)
    {
        if (step < WarmupSteps)
        {
            // Step 0 already trains, so it gets 1/warmup of the peak rather than zero.
            return PeakRate * (step + 1) / WarmupSteps;
        }
        int decaySteps = TotalSteps - WarmupSteps;
        if (decaySteps <= 1)
        {
            return PeakRate;
        }
        double progress = Math.Min(1.0, (double)(step - WarmupSteps) / (decaySteps - 1));
        return MinimumRate + ((PeakRate - MinimumRate) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }
}
