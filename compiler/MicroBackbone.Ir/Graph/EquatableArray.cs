using System.Collections;

namespace MicroBackbone.Ir;

/// <summary>
/// An immutable array with value equality, so records holding shapes, ids or constant bytes compare by content
/// (the source generator caches on IR values and needs structural equality).
/// </summary>
/// <typeparam name="T">Element type; compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    private readonly T[]? _items;

    /// <summary>Wraps a copy of <paramref name="items"/>, so later changes to the source do not leak in.</summary>
    public EquatableArray(IEnumerable<T> items)
    {
        _items = items.ToArray();
    }

    private EquatableArray(T[] items, bool owned)
    {
        _ = owned;
        _items = items;
    }

    /// <summary>The empty array.</summary>
    public static EquatableArray<T> Empty => new(Array.Empty<T>(), owned: true);

    /// <summary>Number of elements.</summary>
    public int Count => _items?.Length ?? 0;

    /// <summary>The element at <paramref name="index"/>.</summary>
    public T this[int index] => (_items ?? Array.Empty<T>())[index];

    /// <summary>The elements as a read-only span (no copy).</summary>
    public ReadOnlySpan<T> AsSpan() => _items;

    /// <summary>A fresh mutable copy of the elements.</summary>
    public T[] ToArray() => _items is null ? Array.Empty<T>() : (T[])_items.Clone();

    /// <summary>Wraps an array the caller promises never to mutate again (avoids a copy for large constant data).</summary>
    internal static EquatableArray<T> Adopt(T[] items) => new(items, owned: true);

    /// <inheritdoc />
    public bool Equals(EquatableArray<T> other)
    {
        var a = _items ?? Array.Empty<T>();
        var b = other._items ?? Array.Empty<T>();
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Length != b.Length)
        {
            return false;
        }

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < a.Length; i++)
        {
            if (!comparer.Equals(a[i], b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var items = _items ?? Array.Empty<T>();
        var comparer = EqualityComparer<T>.Default;
        var hash = 17;
        // Hashing at most 64 elements keeps large weight blobs cheap; equality still compares everything.
        var n = Math.Min(items.Length, 64);
        for (var i = 0; i < n; i++)
        {
            hash = unchecked((hash * 31) + (items[i] is null ? 0 : comparer.GetHashCode(items[i]!)));
        }

        return unchecked((hash * 31) + items.Length);
    }

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Shows the elements, e.g. <c>[1, 8, 8, 16]</c>; used in error messages.</summary>
    public override string ToString() => "[" + string.Join(", ", (_items ?? Array.Empty<T>()).Select(x => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture))) + "]";

    /// <summary>Value equality.</summary>
    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    /// <summary>Value inequality.</summary>
    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    /// <summary>Copies an array into an equatable array.</summary>
    public static implicit operator EquatableArray<T>(T[] items) => new(items);
}

/// <summary>Shorthands for building <see cref="EquatableArray{T}"/> values.</summary>
public static class EquatableArray
{
    /// <summary>Creates an equatable array holding a copy of <paramref name="items"/>.</summary>
    public static EquatableArray<T> Of<T>(params T[] items) => new(items);
}
