using System.Diagnostics;

namespace MicroBackbone.Compiler.Tests.IO;

/// <summary>Makes the non-regular files the output and input guards must refuse, inside a test's own temp folder.</summary>
internal static class SpecialFiles
{
    /// <summary>A named pipe at <paramref name="path"/> (coreutils' <c>mkfifo</c>).</summary>
    public static string Fifo(string path)
    {
        using Process mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.True(mkfifo.ExitCode == 0, $"mkfifo {path} failed");
        return path;
    }

    /// <summary>Whether <paramref name="path"/> is still a named pipe (its type bits, read without opening it).</summary>
    public static bool IsFifo(string path) => Compiler.IO.PathProbe.KindOf(path, followLinks: false) == Compiler.IO.FileKind.Fifo;
}
