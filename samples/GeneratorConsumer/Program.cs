namespace GeneratorConsumer;

/// <summary>Classifies a synthetic 8x8 RGB image with the generated model and checks it does not allocate.</summary>
public static class Program
{
    /// <summary>Entry point: prints the prediction; exit code 0 when inference allocated nothing.</summary>
    public static int Main() => Run(Console.Out);

    /// <summary>Runs the demo, writing to <paramref name="output"/>; returns the exit code.</summary>
    public static int Run(TextWriter output)
    {
        var model = new EdgeNano();
        var image = new float[EdgeNano.InputLength];
        for (var i = 0; i < image.Length; i++)
        {
            image[i] = MathF.Sin(i * 0.37f) * 3f;
        }

        var logits = new float[EdgeNano.OutputLength];
        model.InvokeFloat(image, logits);
        var predicted = model.Predict(image);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            model.Predict(image);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"input [{string.Join(", ", EdgeNano.InputShape.ToArray())}], arena {EdgeNano.ArenaBytes} bytes");
        output.WriteLine($"logits [{string.Join(", ", logits.Select(v => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))}]");
        output.WriteLine($"predicted {predicted} ({EdgeNano.ClassNames[predicted]}); {allocated} bytes allocated by 100 predictions");
        return allocated == 0 ? 0 : 1;
    }
}
