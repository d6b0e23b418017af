using System.Globalization;
using System.Text.RegularExpressions;
using MicroBackbone.Generators.Tests.Support;
using MicroBackbone.Samples.RaspberryPi;
using SkiaSharp;

namespace MicroBackbone.Generators.Tests.Consumer;

/// <summary>
/// samples/RaspberryPi: its generated EdgeNano (from the shipped int8 Fashion-MNIST model) and its preprocessing,
/// run on the shipped sample image (Fashion-MNIST test image 0, an ankle boot).
/// </summary>
public class RaspberryPiSampleTests
{
    private const int AnkleBoot = 9;

    private static string SamplePath => Path.Combine(AppContext.BaseDirectory, "sample.png");

    private static float[] SampleInput()
    {
        var input = new float[EdgeNano.InputLength];
        new ImagePreprocessor(32, DatasetNormalization.FashionMnist).Load(SamplePath, input);
        return input;
    }

    [Fact]
    public void Generated_class_classifies_the_sample_image_as_its_true_class()
    {
        Assert.Equal(new[] { 1, 32, 32, 1 }, EdgeNano.InputShape.ToArray());
        Assert.Equal("ankle boot", EdgeNano.ClassNames[AnkleBoot]);
        Assert.Equal(AnkleBoot, new EdgeNano().Predict(SampleInput()));
    }

    [Fact]
    public void Predict_allocates_nothing_over_many_calls()
    {
        var model = new EdgeNano();
        float[] input = SampleInput();
        model.Predict(input);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++)
        {
            model.Predict(input);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void App_prints_class_confidence_and_latency()
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = Program.Run(["--image", SamplePath, "--input-size", "32", "--dataset", "fashion-mnist", "--runs", "20", "--warmup", "2"], output, error);
        Assert.True(exit == 0, error.ToString());
        string text = output.ToString();
        Assert.Contains("class       ankle boot (9)", text);
        Match confidence = Regex.Match(text, @"confidence  (\d+\.\d+) %");
        Assert.True(confidence.Success, text);
        Assert.InRange(double.Parse(confidence.Groups[1].Value, CultureInfo.InvariantCulture), 50, 100);
        Assert.Contains("0 bytes during the timed runs", text);
    }

    [Fact]
    public void App_rejects_an_input_size_the_model_was_not_compiled_for()
    {
        var error = new StringWriter();
        Assert.Equal(2, Program.Run(["--image", SamplePath, "--input-size", "64"], new StringWriter(), error));
        Assert.Contains("takes 32x32", error.ToString());
    }

    [Fact]
    public void A_28x28_image_is_padded_by_2_and_normalised_like_training()
    {
        float[] input = SampleInput();
        using SKBitmap png = SKBitmap.Decode(SamplePath);
        Assert.Equal((28, 28), (png.Width, png.Height));
        static float Normalise(int v) => (float)(((v / 255.0) - 0.2860) / 0.3530);
        for (int y = 0; y < 32; y++)
        {
            for (int x = 0; x < 32; x++)
            {
                bool inside = y >= 2 && y < 30 && x >= 2 && x < 30;
                int gray = inside ? png.GetPixel(x - 2, y - 2).Red : 0;
                Assert.Equal(Normalise(gray), input[(y * 32) + x]);
            }
        }
    }

    [Fact]
    public void Larger_images_are_scaled_to_fit_the_native_28_pixels_and_centred()
    {
        var preprocessor = new ImagePreprocessor(32, DatasetNormalization.FashionMnist);
        Assert.Equal(new SKRectI(2, 9, 30, 23), preprocessor.Fit(560, 280));
        Assert.Equal(new SKRectI(2, 2, 30, 30), preprocessor.Fit(28, 28));
        Assert.Equal(new SKRectI(11, 11, 21, 21), preprocessor.Fit(10, 10));
    }

    [Fact]
    public void Normalisation_and_class_names_match_the_shipped_dataset_config()
    {
        string yaml = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "compiler/MicroBackbone.Compiler/config/datasets.yaml"));
        foreach (var dataset in DatasetNormalization.Known)
        {
            string block = yaml[yaml.IndexOf("- name: " + dataset.Name, StringComparison.Ordinal)..];
            string List(string key) => Regex.Match(block, key + @": \[([^\]]+)\]").Groups[1].Value;
            double[] Values(string key) => List(key).Split(", ").Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(Values("mean"), dataset.Mean);
            Assert.Equal(Values("std"), dataset.Std);
            Assert.Equal(List("class_names").Split(", "), dataset.ClassNames);
        }
    }
}
