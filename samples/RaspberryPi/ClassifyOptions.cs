using System.Globalization;

namespace MicroBackbone.Samples.RaspberryPi;

/// <summary>
/// Command line of the app, mirroring the original <c>infer.py --image ... --model ... --input-size 32 --dataset ...</c>.
/// </summary>
/// <param name="Image">The PNG or JPEG to classify.</param>
/// <param name="Model">A model file to load at run time (.mbir), or null for the compiled-in edge_nano.</param>
/// <param name="InputSize">Model input side; must be the model's (null: take the model's).</param>
/// <param name="Dataset">Dataset the model was trained on (its normalisation and class names).</param>
/// <param name="Runs">Timed inferences for the latency figure.</param>
/// <param name="Warmup">Untimed inferences before timing (at least; warm-up also lasts at least one second unless 0).</param>
/// <param name="Invert">Invert gray levels (dark item on a light background).</param>
/// <param name="Top">How many classes to list.</param>
public sealed record ClassifyOptions(string Image, string? Model, int? InputSize, string Dataset, int Runs, int Warmup, bool Invert, int Top)
{
    /// <summary>The usage text printed for <c>--help</c> and after a bad argument.</summary>
    public const string Usage =
        "usage: RaspberryPi --image FILE [--model FILE.mbir] [--input-size 32] [--dataset fashion-mnist] [--runs 1000] [--warmup 100] [--invert] [--top 3]";

    /// <summary>Parses <paramref name="args"/>; null with <paramref name="error"/> set when they are wrong or ask for help.</summary>
    public static ClassifyOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        string? image = null, model = null, dataset = "fashion-mnist";
        int? inputSize = null;
        int runs = 1000, warmup = 100, top = 3;
        bool invert = false;
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (name is "--help" or "-h")
            {
                return null;
            }
            if (name == "--invert")
            {
                invert = true;
                continue;
            }
            if (i + 1 >= args.Count)
            {
                error = $"{name}: expected a value";
                return null;
            }
            string value = args[++i];
            switch (name)
            {
                case "--image": image = value; break;
                case "--model": model = value; break;
                case "--dataset": dataset = value; break;
                case "--input-size" when TryCount(value, 1, out int size): inputSize = size; break;
                case "--runs" when TryCount(value, 1, out runs): break;
                case "--warmup" when TryCount(value, 0, out warmup): break;
                case "--top" when TryCount(value, 1, out top): break;
                case "--input-size" or "--runs" or "--warmup" or "--top":
                    error = $"{name}: expected a whole number, got '{value}'";
                    return null;
                default:
                    error = $"unknown option '{name}'";
                    return null;
            }
        }
        if (image == null)
        {
            error = "--image is required";
            return null;
        }
        return new ClassifyOptions(image, model, inputSize, dataset, runs, warmup, invert, top);
    }

    private static bool TryCount(string text, int minimum, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= minimum;
}
