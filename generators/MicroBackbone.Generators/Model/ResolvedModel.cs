using MicroBackbone.Ir;

namespace MicroBackbone.Generators.Model;

/// <summary>
/// A target matched with its model file: the request to emit (null when something is wrong) and the diagnostics.
/// Kept apart so moving the class in its file (which moves the diagnostics' locations) does not re-emit the source.
/// </summary>
internal sealed record ResolvedModel(ModelRequest? Request, EquatableArray<DiagnosticInfo> Diagnostics);
