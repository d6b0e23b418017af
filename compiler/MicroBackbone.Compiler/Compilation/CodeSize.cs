namespace MicroBackbone.Compiler.Compilation;

/// <summary>The machine code of the generated C beyond its weights, measured or estimated.</summary>
/// <param name="Bytes">Code bytes.</param>
/// <param name="Measured">True when a cross compiler built it and <paramref name="Bytes"/> is its <c>.text</c>.</param>
/// <param name="Basis">How the figure was made, for the output (<c>rv32imc -O2 .text of model.o</c>, or why it is an estimate).</param>
public sealed record CodeSize(long Bytes, bool Measured, string Basis);
