using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Training;

public class BatchNormRecalibrationTests
{
    [Fact]
    public void Running_statistics_become_the_plain_average_over_the_batches_and_momentum_is_restored()
    {
        using var model = nn.Sequential(("bn", nn.BatchNorm2d(2)));
        var bn = (BatchNorm2d)model.children().Single();
        // Stale statistics from "earlier weights" that the recalibration must forget entirely.
        bn.running_mean!.copy_(tensor(new float[] { 50, -50 }));
        bn.running_var!.copy_(tensor(new float[] { 90, 90 }));
        model.eval();
        float[] means = [1, 3, 5], spreads = [1, 2, 3];
        var batches = means.Select((m, i) => Batch(m, spreads[i])).ToList();

        int used = BatchNormRecalibration.Run(model, batches, maxBatches: 3);

        Assert.Equal(3, used);
        Assert.False(model.training);
        Assert.Equal(0.1, bn.momentum);
        // Channel 0 of batch k is mean + spread * (+1/-1 pattern): batch mean m, unbiased variance spread^2 * n/(n-1).
        float[] runningMean = bn.running_mean.data<float>().ToArray();
        Assert.Equal(3f, runningMean[0], 4);
        Assert.Equal(-3f, runningMean[1], 4);
        double n = 2 * 4 * 4;
        double expectedVar = spreads.Average(s => s * s * n / (n - 1));
        Assert.Equal(expectedVar, bn.running_var!.data<float>()[0], 3);
    }

    // Two images of 4x4: channel 0 = mean + spread * (+1, -1 alternating), channel 1 its negation.
    private static Batch Batch(float mean, float spread)
    {
        var values = new float[2 * 2 * 16];
        for (int image = 0; image < 2; image++)
        {
            for (int p = 0; p < 16; p++)
            {
                float v = mean + (spread * ((p + image) % 2 == 0 ? 1 : -1));
                values[(image * 32) + p] = v;
                values[(image * 32) + 16 + p] = -v;
            }
        }

        return new Batch(tensor(values, [2, 2, 4, 4]), zeros([2], ScalarType.Int64), 2);
    }
}
