using System.Text.RegularExpressions;

namespace MicroBackbone.Compiler.Checkpoints;

/// <summary>
/// File names of checkpoints: they embed the architecture so files from different models never overwrite each
/// other. MicroSign-Edge variants (<c>edge_*</c>) get the <c>microsignedge_</c> prefix:
/// <c>microsignedge_edge_small_best.pth</c>, <c>resnet18_best.pth</c>.
/// </summary>
public static partial class CheckpointNames
{
    /// <summary>Folder for checkpoints, relative to the working directory.</summary>
    public const string DefaultFolder = "outputs/checkpoints";

    /// <summary>File extension PyTorch users expect for <c>torch.save</c> files.</summary>
    public const string Extension = ".pth";

    private const string EdgePrefix = "microsignedge_";

    /// <summary>
    /// The file name for <paramref name="arch"/> and <paramref name="tag"/> (e.g. <c>best</c>, <c>last</c>,
    /// <c>epoch_12</c>). Both must be lowercase letters, digits and underscores.
    /// </summary>
    public static string FileName(string arch, string tag = "best")
    {
        CheckName(arch, nameof(arch));
        CheckName(tag, nameof(tag));
        string prefix = arch.StartsWith("edge_", StringComparison.Ordinal) ? EdgePrefix : "";
        return $"{prefix}{arch}_{tag}{Extension}";
    }

    /// <summary>The path of the checkpoint under <paramref name="folder"/> (default <see cref="DefaultFolder"/>).</summary>
    public static string PathFor(string arch, string tag = "best", string folder = DefaultFolder) =>
        Path.Combine(folder, FileName(arch, tag));

    private static void CheckName(string value, string parameter)
    {
        if (string.IsNullOrEmpty(value) || !NamePattern().IsMatch(value))
        {
            throw new ArgumentException(
                $"'{value}' is not a valid checkpoint name part; expected lowercase letters, digits and underscores",
                parameter);
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_]*$")]
    private static partial Regex NamePattern();
}
