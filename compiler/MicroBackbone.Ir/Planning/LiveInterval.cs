namespace MicroBackbone.Ir.Planning;

/// <summary>Operator indices [First, Last] (inclusive) during which a buffer must hold its data.</summary>
/// <param name="First">Index of the producing operator (0 for graph inputs).</param>
/// <param name="Last">Index of the last reading operator (the last operator for graph outputs).</param>
public readonly record struct LiveInterval(int First, int Last)
{
    /// <summary>True when both intervals share at least one operator.</summary>
    public bool Overlaps(LiveInterval other) => First <= other.Last && other.First <= Last;

    /// <summary>True when operator <paramref name="index"/> lies in the interval.</summary>
    public bool Contains(int index) => First <= index && index <= Last;
}
