namespace MicroBackbone.Ir;

/// <summary>Attributes of <see cref="IrOpKind.AveragePool2D"/> and <see cref="IrOpKind.MaxPool2D"/>.</summary>
/// <param name="FilterH">Window height.</param>
/// <param name="FilterW">Window width.</param>
/// <param name="StrideH">Vertical stride.</param>
/// <param name="StrideW">Horizontal stride.</param>
/// <param name="Padding">Explicit padding (padded cells are ignored, not averaged as zero).</param>
/// <param name="Activation">Fused output activation.</param>
public sealed record Pool2DAttributes(
    int FilterH,
    int FilterW,
    int StrideH,
    int StrideW,
    Padding2D Padding = default,
    FusedActivation Activation = FusedActivation.None) : IrAttributes;
