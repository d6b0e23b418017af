using MicroBackbone.Fuzz.Targets;

namespace MicroBackbone.Fuzz;

/// <summary>Every reader that is fuzzed; <c>corpora/&lt;name&gt;/</c> holds each one's seeds.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<IFuzzTarget> All { get; } =
    [
        new PthCheckpointTarget(),
        new TfliteModelTarget(),
        new MbirModelTarget(),
        new ModelConfigYamlTarget(),
        new DatasetsConfigYamlTarget(),
        new ImageInputTarget("png", ".png"),
        new ImageInputTarget("jpeg", ".jpg"),
        new RawInputTarget(),
    ];

    public static IFuzzTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);
}
