namespace MicroBackbone.Ir.Reference;

/// <summary>
/// Sees every tensor a <see cref="FloatInterpreter"/> run produces: the graph inputs first (as copied in), then each
/// operator's output right after the operator ran, in operator order. Constants are not reported. Calibration uses it
/// to record the range of each activation.
/// </summary>
public interface ITensorObserver
{
    /// <summary>
    /// Called once per tensor per run. <paramref name="values"/> (NHWC, row-major) is only valid during the call: the
    /// interpreter reuses its buffers, so copy what you keep.
    /// </summary>
    /// <param name="tensor">The IR tensor that was produced.</param>
    /// <param name="values">Its element values.</param>
    void Observe(IrTensor tensor, ReadOnlySpan<float> values);
}
