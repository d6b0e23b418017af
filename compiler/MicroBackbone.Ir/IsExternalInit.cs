namespace System.Runtime.CompilerServices;

/// <summary>
/// Lets netstandard2.0 compile records and init-only setters; the type ships in the BCL only from .NET 5 on.
/// Keep exactly one copy of this type in the assembly.
/// </summary>
internal static class IsExternalInit
{
}
