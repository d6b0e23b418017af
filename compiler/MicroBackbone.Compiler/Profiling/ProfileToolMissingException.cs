using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>A program or file the profile toolchain needs is not on this machine; the message names the Debian package.</summary>
public sealed class ProfileToolMissingException : MicroBackboneException
{
    /// <summary>Creates the error for <paramref name="tool"/>.</summary>
    public ProfileToolMissingException(ProfileTool tool)
        : base($"{tool.Provides} not found: install the Debian package {tool.DebianPackage} (apt-get install {tool.DebianPackage})")
    {
        Tool = tool;
    }

    /// <summary>The missing tool.</summary>
    public ProfileTool Tool { get; }
}
