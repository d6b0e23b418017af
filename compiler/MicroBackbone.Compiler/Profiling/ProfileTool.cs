namespace MicroBackbone.Compiler.Profiling;

/// <summary>A program <c>mbc profile</c> runs, and the Debian package that installs it (for the error when it is missing).</summary>
/// <param name="Provides">A program name looked up on PATH, or an absolute path to a file the toolchain needs.</param>
/// <param name="DebianPackage">The Debian package that provides it.</param>
public sealed record ProfileTool(string Provides, string DebianPackage);
