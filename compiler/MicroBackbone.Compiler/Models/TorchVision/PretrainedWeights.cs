using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Models.TorchVision;

/// <summary>
/// Loads torchvision-pretrained weights from a local PyTorch state-dict file into a model built by
/// <see cref="TorchVisionArchs"/>. Nothing is ever downloaded. The classifier head is skipped because its shape
/// follows the class count; every other tensor must be present with the same shape.
/// </summary>
public static class PretrainedWeights
{
    /// <summary>Environment variable naming a folder of pretrained files (<c>resnet18.pth</c>, ...).</summary>
    public const string FolderVariable = "MBC_WEIGHTS";

    private const int ListedKeys = 8;

    /// <summary>
    /// Finds the weights file for <paramref name="arch"/>: <paramref name="weightsFile"/> (from <c>--weights FILE</c>)
    /// when given, otherwise in the folder named by <c>MBC_WEIGHTS</c> the file <c>{arch}.pth</c> or a single
    /// <c>{arch}-*.pth</c> / <c>{arch}_*.pth</c> (torchvision's download names, e.g. <c>resnet18-f37072fd.pth</c>).
    /// </summary>
    /// <exception cref="PretrainedWeightsException">No file given or found; the message says how to provide one.</exception>
    public static string ResolvePath(string arch, string? weightsFile) =>
        ResolvePath(arch, weightsFile, Environment.GetEnvironmentVariable(FolderVariable));

    /// <summary>Reads <paramref name="path"/> and copies every non-head tensor into <paramref name="module"/>.</summary>
    /// <exception cref="PretrainedWeightsException">
    /// The file is missing or not a state dict, or its keys/shapes do not match <paramref name="arch"/> (missing,
    /// unexpected and mismatched keys are listed).
    /// </exception>
    public static PretrainedLoadReport Load(nn.Module module, string arch, string path)
    {
        var headKeys = TorchVisionArchs.HeadKeys(arch).ToHashSet(StringComparer.Ordinal);
        var source = ReadStateDict(path);
        try
        {
            var target = module.state_dict();
            var missing = new List<string>();
            var defaulted = new List<string>();
            var mismatched = new List<string>();
            foreach (var (key, tensor) in target)
            {
                if (headKeys.Contains(key))
                {
                    continue;
                }

                if (!source.TryGetValue(key, out var stored))
                {
                    // Checkpoints from before PyTorch 0.4.1 have no BatchNorm counters; PyTorch tolerates that too.
                    (key.EndsWith(".num_batches_tracked", StringComparison.Ordinal) ? defaulted : missing).Add(key);
                }
                else if (!stored.shape.SequenceEqual(tensor.shape))
                {
                    mismatched.Add($"{key} (file {Shape(stored)}, model {Shape(tensor)})");
                }
            }

            var unexpected = source.Keys.Where(k => !target.ContainsKey(k) && !headKeys.Contains(k)).Order(StringComparer.Ordinal).ToList();
            if (missing.Count + unexpected.Count + mismatched.Count > 0)
            {
                throw new PretrainedWeightsException(
                    $"{path}: not a {arch} state dict: " + string.Join("; ", new[]
                    {
                        Describe("missing", missing),
                        Describe("unexpected", unexpected),
                        Describe("shape mismatch", mismatched),
                    }.Where(s => s.Length > 0)));
            }

            var loaded = 0;
            using (no_grad())
            {
                foreach (var (key, tensor) in target)
                {
                    if (!headKeys.Contains(key) && source.TryGetValue(key, out var stored))
                    {
                        tensor.copy_(stored);
                        loaded++;
                    }
                }
            }

            var skipped = headKeys.Where(source.ContainsKey).Order(StringComparer.Ordinal).ToList();
            return new PretrainedLoadReport(path, loaded, skipped, defaulted);
        }
        finally
        {
            foreach (var tensor in source.Values)
            {
                tensor.Dispose();
            }
        }
    }

    /// <summary>Resolution with the folder passed in, so tests need not touch the process environment.</summary>
    internal static string ResolvePath(string arch, string? weightsFile, string? weightsFolder)
    {
        _ = TorchVisionArchs.HeadKeys(arch); // rejects unknown names with the list of valid ones
        if (!string.IsNullOrWhiteSpace(weightsFile))
        {
            return File.Exists(weightsFile)
                ? weightsFile
                : throw new PretrainedWeightsException($"--weights {weightsFile}: file not found");
        }

        if (string.IsNullOrWhiteSpace(weightsFolder))
        {
            throw new PretrainedWeightsException(
                $"no pretrained weights for {arch}: mbc never downloads weights. Pass --weights FILE (a PyTorch state dict, "
                + $"e.g. torch.save(torchvision.models.{arch}(weights=\"DEFAULT\").state_dict(), \"{arch}.pth\")) "
                + $"or set {FolderVariable} to a folder containing {arch}.pth");
        }

        if (!Directory.Exists(weightsFolder))
        {
            throw new PretrainedWeightsException($"{FolderVariable}={weightsFolder}: folder not found");
        }

        var exact = Path.Combine(weightsFolder, arch + ".pth");
        if (File.Exists(exact))
        {
            return exact;
        }

        var candidates = Directory.EnumerateFiles(weightsFolder, arch + "*.pth")
            .Where(f => Path.GetFileName(f).Length > arch.Length && Path.GetFileName(f)[arch.Length] is '-' or '_')
            .Order(StringComparer.Ordinal)
            .ToList();
        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new PretrainedWeightsException(
                $"{FolderVariable}={weightsFolder}: no {arch}.pth (or {arch}-<hash>.pth) in that folder"),
            _ => throw new PretrainedWeightsException(
                $"{FolderVariable}={weightsFolder}: several candidates for {arch} ({string.Join(", ", candidates.Select(Path.GetFileName))}); "
                + $"rename the one to use to {arch}.pth or pass --weights FILE"),
        };
    }

    private static Dictionary<string, Tensor> ReadStateDict(string path)
    {
        if (!File.Exists(path))
        {
            throw new PretrainedWeightsException($"{path}: weights file not found");
        }

        Hashtable table;
        try
        {
            table = PyTorchUnpickler.UnpickleStateDict(path);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PretrainedWeightsException(
                $"{path}: not a readable PyTorch state dict ({e.Message}); save it with torch.save(model.state_dict(), path)", e);
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        var others = new List<string>();
        foreach (DictionaryEntry entry in table)
        {
            var key = entry.Key?.ToString() ?? string.Empty;
            if (entry.Value is Tensor tensor)
            {
                result[key] = tensor;
            }
            else
            {
                others.Add(key);
            }
        }

        if (others.Count > 0)
        {
            foreach (var tensor in result.Values)
            {
                tensor.Dispose();
            }

            throw new PretrainedWeightsException(
                $"{path}: entries {Head(others.Order(StringComparer.Ordinal).ToList())} are not tensors; this looks like a training "
                + "checkpoint, not a state dict. Save model.state_dict() (e.g. checkpoint[\"model\"]) with torch.save");
        }

        return result;
    }

    private static string Describe(string what, List<string> keys) =>
        keys.Count == 0 ? string.Empty : $"{keys.Count} {what} key(s): {Head(keys)}";

    private static string Head(List<string> keys) =>
        string.Join(", ", keys.Take(ListedKeys)) + (keys.Count > ListedKeys ? $", ... ({keys.Count - ListedKeys} more)" : string.Empty);

    private static string Shape(Tensor tensor) => "[" + string.Join(", ", tensor.shape) + "]";
}
