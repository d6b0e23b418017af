using MicroBackbone.Compiler.BackEnds.C;

namespace MicroBackbone.Compiler.Profiling;

/// <summary>
/// What <c>firmware-templates/profile/profile_main.c.scriban</c> prints, bound as <c>profile</c>: the input as C
/// initializer lines and the mark ids of <see cref="ProfileMarks"/> (snake_case in the template).
/// </summary>
internal sealed class ProfileMainModel(sbyte[] input, ProfileMarks marks)
{
    /// <summary>The int8 input, 16 values a line.</summary>
    public IReadOnlyList<string> InputLines { get; } = CLiterals.Lines(input.Select(v => (long)v));

    /// <summary>The mark after the inference.</summary>
    public int EndMark { get; } = marks.End;

    /// <summary>The first id of the back-to-back pair marked directly.</summary>
    public int DirectPairFirst { get; } = marks.DirectPairFirst;

    /// <summary>
    /// The layer argument of the first <c>mb_profile_mark</c> call of the back-to-back pair (that function marks
    /// <c>layer + 1</c>).
    /// </summary>
    public int LayerPairFirstArgument { get; } = marks.LayerPairFirst - 1;
}
