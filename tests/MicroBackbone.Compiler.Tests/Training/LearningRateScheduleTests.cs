using MicroBackbone.Compiler.Training;

namespace MicroBackbone.Compiler.Tests.Training;

public class LearningRateScheduleTests
{
    [Fact]
    public void WarmsUpLinearlyThenDecaysAlongACosine()
    {
        var schedule = new LearningRateSchedule(peakRate: 0.1, warmupSteps: 4, totalSteps: 14);

        Assert.Equal(0.025, schedule.At(0), 12);
        Assert.Equal(0.05, schedule.At(1), 12);
        Assert.Equal(0.1, schedule.At(3), 12);
        Assert.Equal(0.1, schedule.At(4), 12);
        // Decay steps 4..13 map to progress 0..1; step 8 is at 4/9.
        Assert.Equal(0.05 * (1 + Math.Cos(Math.PI * 4 / 9)), schedule.At(8), 12);
        Assert.Equal(0.0, schedule.At(13), 12);
        Assert.Equal(0.0, schedule.At(100), 12);
    }

    [Fact]
    public void WithoutWarmupStartsAtThePeakAndEndsAtTheMinimum()
    {
        var schedule = new LearningRateSchedule(1.0, 0, 3, minimumRate: 0.1);

        Assert.Equal(new[] { 1.0, 0.55, 0.1 }, Enumerable.Range(0, 3).Select(s => Math.Round(schedule.At(s), 12)));
    }

    [Fact]
    public void EpochsConvertToSteps()
    {
        var schedule = LearningRateSchedule.ForEpochs(0.2, warmupEpochs: 0.5, epochs: 3, stepsPerEpoch: 10);

        Assert.Equal((5, 30), (schedule.WarmupSteps, schedule.TotalSteps));
        Assert.True(schedule.At(29) < schedule.At(15));
    }

    [Fact]
    public void RejectsWarmupLongerThanTheRun()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LearningRateSchedule(0.1, 5, 4));
    }
}
