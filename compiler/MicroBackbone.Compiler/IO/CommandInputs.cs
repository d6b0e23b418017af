using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.IO;

/// <summary>
/// The files one command has read, so that none of them is overwritten by the same command's outputs (e.g.
/// <c>mbc export --checkpoint D/model.pth --output-dir D</c>). Readers record each file they open through
/// <see cref="InputFile"/>; <see cref="AtomicFile"/> refuses to write over a recorded one. Recording happens only
/// inside a <see cref="BeginCommand"/> scope (one per CLI verb); library callers outside one are unaffected.
/// Paths are compared after resolving symbolic links.
/// </summary>
public static class CommandInputs
{
    private static readonly AsyncLocal<Scope?> Current = new();

    /// <summary>Starts recording the inputs of one command; disposing ends it.</summary>
    public static IDisposable BeginCommand()
    {
        var scope = new Scope(Current.Value);
        Current.Value = scope;
        return scope;
    }

    /// <summary>Notes <paramref name="path"/> as an input of the running command (no-op outside a command).</summary>
    public static void Record(string path)
    {
        if (Current.Value is { } scope && path.Length > 0)
        {
            lock (scope.Paths)
            {
                scope.Paths.Add(PathProbe.Canonical(path));
            }
        }
    }

    /// <summary>
    /// Lets the running command replace <paramref name="path"/>, which it has read completely and continues on purpose
    /// (<c>mbc train --resume X_last.pth</c> keeps writing <c>X_last.pth</c> and <c>metrics.csv</c> in place).
    /// </summary>
    public static void Release(string path)
    {
        if (Current.Value is { } scope && path.Length > 0)
        {
            lock (scope.Paths)
            {
                scope.Paths.Remove(PathProbe.Canonical(path));
            }
        }
    }

    /// <summary>
    /// Throws when <paramref name="outputPath"/> is a file the running command has read; the message names it as
    /// <paramref name="shownAs"/> (the user's spelling) when given.
    /// </summary>
    public static void RefuseOverwrite(string outputPath, string? shownAs = null)
    {
        if (Current.Value is not { } scope)
        {
            return;
        }
        string canonical = PathProbe.Canonical(outputPath);
        bool isInput;
        lock (scope.Paths)
        {
            isInput = scope.Paths.Contains(canonical);
        }
        if (isInput)
        {
            throw new MicroBackboneException(
                $"{shownAs ?? outputPath}: is an input of this command; mbc never overwrites its inputs (choose another output path or folder)");
        }
    }

    private sealed class Scope(Scope? parent) : IDisposable
    {
        public HashSet<string> Paths { get; } = new(StringComparer.Ordinal);

        public void Dispose() => Current.Value = parent;
    }
}
