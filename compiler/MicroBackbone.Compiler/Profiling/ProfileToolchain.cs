using System.Diagnostics;
using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// Runs the programs of a <see cref="ProfileTarget"/> (cross compiler, binutils, emulator): each is looked up first,
/// so a missing one is a <see cref="ProfileToolMissingException"/> naming its Debian package, and a failing one is a
/// <see cref="MicroBackboneException"/> carrying the command and the first line of what it printed.
/// </summary>
internal sealed class ProfileToolchain(ProfileTarget target)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>The target whose tools this runs.</summary>
    public ProfileTarget Target { get; } = target;

    /// <summary>Throws <see cref="ProfileToolMissingException"/> for the first of <paramref name="tools"/> this machine lacks.</summary>
    public static void RequireAll(IEnumerable<ProfileTool> tools)
    {
        foreach (ProfileTool tool in tools)
        {
            if (Find(tool.Provides) is null)
            {
                throw new ProfileToolMissingException(tool);
            }
        }
    }

    /// <summary>The full path of <paramref name="provides"/> (a program on PATH, or an absolute path), or null.</summary>
    public static string? Find(string provides)
    {
        if (Path.IsPathRooted(provides))
        {
            return File.Exists(provides) || Directory.Exists(provides) ? provides : null;
        }

        foreach (string dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator))
        {
            string candidate = Path.Combine(dir, provides);
            if (dir.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Runs <paramref name="program"/> (one of the target's tools) in <paramref name="workingDirectory"/> and returns its stdout.</summary>
    public string Run(string program, IEnumerable<string> arguments, string workingDirectory)
    {
        ProfileTool tool = Target.Tools.FirstOrDefault(t => t.Provides == program)
            ?? throw new InvalidOperationException($"{program} is not a tool of profile target {Target.Name}");
        string path = Find(program) ?? throw new ProfileToolMissingException(tool);
        var start = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new MicroBackboneException($"{program} could not be started");
        process.StandardInput.Close();
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new ProfileToolTimeoutException($"{Describe(program, start.ArgumentList)} did not finish within {Timeout.TotalSeconds:0} s");
        }

        if (process.ExitCode != 0)
        {
            string said = (stderr.Result + "\n" + stdout.Result).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault() ?? "no output";
            throw new MicroBackboneException($"{Describe(program, start.ArgumentList)} exited with {process.ExitCode}: {said}");
        }

        return stdout.Result;
    }

    private static string Describe(string program, IEnumerable<string> arguments) =>
        program + " " + string.Join(' ', arguments.Select(a => Path.IsPathRooted(a) ? Path.GetFileName(a) : a));
}
