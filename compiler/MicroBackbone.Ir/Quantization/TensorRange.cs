namespace MicroBackbone.Ir.Quantization;

/// <summary>The calibrated real range of one activation tensor.</summary>
/// <param name="TensorId">Id of the tensor in the (fused) float graph.</param>
/// <param name="TensorName">Its name, checked on use so ranges never silently apply to another graph.</param>
/// <param name="Min">Smallest value kept (&lt;= 0).</param>
/// <param name="Max">Largest value kept (&gt;= 0).</param>
public sealed record TensorRange(int TensorId, string TensorName, float Min, float Max);
