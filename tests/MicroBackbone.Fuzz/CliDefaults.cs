using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;
using MicroBackbone.Ir;

namespace MicroBackbone.Fuzz;

/// <summary>
/// What the verbs resolve when no flag is given (<c>ModelInputOptions.Open</c>): the shipped datasets.yaml's default
/// dataset and the shipped model.yaml's model. Resolved once per process, not per input.
/// </summary>
internal static class CliDefaults
{
    private static readonly Lazy<DatasetConfig> LazyDataset =
        new(() => DatasetsConfig.Load(DatasetsConfig.DefaultPath).Find(null, DatasetsConfig.DefaultPath));

    private static readonly Lazy<ModelSpec> LazySpec =
        new(() => ArchCatalog.Resolve(ModelConfigText.Load(null), null, null, null, Dataset.NumClasses));

    /// <summary>The dataset a verb uses without <c>--dataset-config</c>/<c>--dataset</c>.</summary>
    public static DatasetConfig Dataset => LazyDataset.Value;

    /// <summary>The model description a plain state dict falls back to without <c>--arch</c> and friends.</summary>
    public static ModelSpec Spec => LazySpec.Value;

    /// <summary>The int8 NHWC input tensor of <see cref="Spec"/>, quantized as calibration of [0, 1] pixels would.</summary>
    public static IrTensor InputTensor =>
        new(0, "input", EquatableArray.Of(1, Spec.Input.Height, Spec.Input.Width, Spec.Input.Channels), IrDataType.Int8,
            QuantParams.PerTensor(1f / 255, -128));
}
