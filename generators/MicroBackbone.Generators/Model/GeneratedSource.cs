using MicroBackbone.Ir;

namespace MicroBackbone.Generators.Model;

/// <summary>The emitted file for one class (or, when the emitter failed, no text and an MBC099 diagnostic).</summary>
internal sealed record GeneratedSource(string HintName, string? Text, EquatableArray<DiagnosticInfo> Diagnostics);
