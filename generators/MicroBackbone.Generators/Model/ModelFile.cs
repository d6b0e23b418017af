using MicroBackbone.CSharpEmitter.Spec;

namespace MicroBackbone.Generators.Model;

/// <summary>
/// One <c>.mbir</c> AdditionalFile after parsing and lowering: either its <see cref="Spec"/> or the id and message
/// of why it cannot be used (MBC002 unreadable, MBC004 unsupported). Parsed once per file content.
/// </summary>
internal sealed record ModelFile(string Path, ModelSpec? Spec, string? ErrorId, string? ErrorMessage);
