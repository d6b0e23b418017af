using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace MicroBackbone.Compiler.IO;

/// <summary>
/// The temporary files <see cref="AtomicFile"/> has open right now. On SIGINT or SIGTERM they are deleted before the
/// process ends, so an interrupted run leaves no <c>.*.tmp</c> files beside its outputs (the destinations themselves
/// are untouched until their final rename).
/// </summary>
public static class PendingTempFiles
{
    private static readonly ConcurrentDictionary<string, byte> Paths = new(StringComparer.Ordinal);
    private static readonly object InstallLock = new();
    private static List<PosixSignalRegistration>? _registrations;

    /// <summary>The temporary files being written at this moment.</summary>
    public static IReadOnlyCollection<string> Current => Paths.Keys.ToArray();

    /// <summary>Notes a temporary file being written (and installs the signal handlers on first use).</summary>
    public static void Add(string path)
    {
        InstallSignalHandlers();
        Paths.TryAdd(path, 0);
    }

    /// <summary>Forgets a temporary file that was renamed or deleted.</summary>
    public static void Remove(string path) => Paths.TryRemove(path, out _);

    /// <summary>Deletes every pending temporary file; what the signal handlers run.</summary>
    public static void DeleteAll()
    {
        foreach (string path in Paths.Keys)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Best effort while the process is going down.
            }
            Paths.TryRemove(path, out _);
        }
    }

    private static void InstallSignalHandlers()
    {
        if (_registrations != null || OperatingSystem.IsWindows() || OperatingSystem.IsBrowser())
        {
            return;
        }
        lock (InstallLock)
        {
            // The default action (ending the process) still runs after the handler: nothing is cancelled.
            _registrations ??=
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, _ => DeleteAll()),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => DeleteAll()),
            ];
        }
    }
}
