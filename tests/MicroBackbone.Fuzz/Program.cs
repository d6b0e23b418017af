using MicroBackbone.Fuzz;
using SharpFuzz;

// MicroBackbone.Fuzz TARGET: under afl-fuzz, SharpFuzz's out-of-process fork server runs the target once per input
// in a child process it restarts when the child dies (a native crash in libtorch or Skia, a stack overflow, a hang);
// run directly, it reads one input from stdin and prints what mbc would (an error line, or "ok"), so
// `MicroBackbone.Fuzz tflite < crash` replays a crash with its stack trace.
// MicroBackbone.Fuzz --list prints the targets, one per line: name, extension, what it reads.
if (args is ["--list"])
{
    foreach (IFuzzTarget t in FuzzTargets.All)
    {
        Console.WriteLine($"{t.Name}\t{t.Extension}\t{t.Reads}");
    }
    return 0;
}
if (args is ["--write-image-seeds", string corpora])
{
    SeedImages.Write(corpora);
    return 0;
}
if (args.Length != 1 || FuzzTargets.Find(args[0]) is not { } target)
{
    Console.Error.WriteLine($"usage: MicroBackbone.Fuzz TARGET < input   (targets: {string.Join(", ", FuzzTargets.All.Select(t => t.Name))})");
    return 1;
}

using var input = new FuzzInputFile(target.Extension);
bool underAfl = Environment.GetEnvironmentVariable("__AFL_SHM_ID") is not null;
string? error = null;
try
{
    Fuzzer.OutOfProcess.Run(stream => error = UserErrorBoundary.Run(() => target.Read(input.Write(stream))));
}
catch (Exception e) when (!underAfl)
{
    // Replaying one input: what escaped the boundary is what mbc would report as an internal error (exit 2).
    Console.Error.WriteLine($"crash: {target.Name}: {e}");
    return 2;
}
Console.WriteLine(error ?? "ok");
return 0;
