using MicroBackbone.Ir;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>A toolchain program did not finish within its time limit (it was stopped); the message names the command.</summary>
public sealed class ProfileToolTimeoutException(string message) : MicroBackboneException(message);
