using MicroBackbone.Compiler.Data;
using MicroBackbone.Compiler.Training;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Tests.Training;

public class ConfusionMatrixTests
{
    [Fact]
    public void CountsAccuracyAndPerClassRecallByHand()
    {
        int[] truth = { 0, 0, 0, 1, 1, 2 };
        int[] predicted = { 0, 0, 1, 1, 2, 2 };

        var matrix = ConfusionMatrix.From(truth, predicted, 4);

        Assert.Equal(2, matrix[0, 0]);
        Assert.Equal(1, matrix[0, 1]);
        Assert.Equal(1, matrix[1, 2]);
        Assert.Equal(0, matrix[2, 0]);
        Assert.Equal(4.0 / 6, matrix.Accuracy, 12);
        double[] perClass = matrix.PerClassAccuracy();
        Assert.Equal(2.0 / 3, perClass[0], 12);
        Assert.Equal(0.5, perClass[1], 12);
        Assert.Equal(1.0, perClass[2], 12);
        Assert.True(double.IsNaN(perClass[3]));
    }

    /// <summary>Predicts the class from the first pixel: logit k is 10 when round(pixel) == k.</summary>
    private sealed class FirstPixelClassifier : nn.Module<Tensor, Tensor>
    {
        public FirstPixelClassifier()
            : base(nameof(FirstPixelClassifier))
        {
        }

        public override Tensor forward(Tensor input)
        {
            Tensor first = input.flatten(1).select(1, 0).round().to_type(ScalarType.Int64);
            return nn.functional.one_hot(first, 3).to_type(ScalarType.Float32).mul(10);
        }
    }

    [Fact]
    public void EvaluatorBuildsTheConfusionMatrixOfAModel()
    {
        // Pixel values (with std 1/255 the model sees the raw byte) and labels: two mistakes (0->2 and 1->0).
        byte[] pixels = { 0, 0, 2, 1, 1, 0, 2, 2 };
        int[] labels = { 0, 0, 0, 1, 1, 1, 2, 2 };
        var dataset = new ImageDataset(pixels, labels, 1, 1, 1);
        var augmentation = new Augmentation(1, 1, 1, new AugmentationOptions(1, 1, 1, new[] { 0.0 }, new[] { 1.0 / 255 }));
        var loader = new BatchLoader(dataset, augmentation, batchSize: 3, training: false, seed: 0);
        using var model = new FirstPixelClassifier();

        EvaluationResult result = Evaluator.Evaluate(model, loader, 3);

        Assert.Equal(8, result.Count);
        Assert.Equal(6.0 / 8, result.Top1, 12);
        Assert.Equal(2, result.Confusion[0, 0]);
        Assert.Equal(1, result.Confusion[0, 2]);
        Assert.Equal(1, result.Confusion[1, 0]);
        Assert.Equal(2, result.Confusion[1, 1]);
        Assert.Equal(2, result.Confusion[2, 2]);
        Assert.Equal(new[] { 0.666667, 0.666667, 1.0 }, result.PerClassAccuracy.Select(a => Math.Round(a, 6)));
        Assert.True(result.Loss > 0);
    }
}
