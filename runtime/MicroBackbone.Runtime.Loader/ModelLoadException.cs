using MicroBackbone.Ir;

namespace MicroBackbone.Runtime.Loader;

/// <summary>
/// A model file the loader cannot run: unreadable, malformed, invalid, or using something the runtime kernels do not
/// cover. The message is one line naming the file, the place in it and what was expected; an app prints it as its
/// <c>error:</c> line.
/// </summary>
public sealed class ModelLoadException : MicroBackboneException
{
    /// <summary>Creates the error for <paramref name="path"/>; <paramref name="detail"/> says what and where.</summary>
    public ModelLoadException(string path, string detail, Exception? inner = null)
        : base(WithPath(path, detail), inner ?? new InvalidOperationException(detail))
    {
        Path = path;
    }

    /// <summary>The model file.</summary>
    public string Path { get; }

    // Messages from the IR reader already start with the source name; do not repeat it.
    private static string WithPath(string path, string detail) =>
        detail.StartsWith(path + ":", StringComparison.Ordinal) ? detail : $"{path}: {detail}";
}
