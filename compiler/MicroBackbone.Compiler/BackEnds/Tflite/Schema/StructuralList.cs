using System.Collections;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace MicroBackbone.Compiler.BackEnds.Tflite.Schema;

/// <summary>
/// An immutable list that compares by content, so records holding shapes, index lists or buffer bytes get value
/// equality (a write/read round trip can then be checked with <c>==</c>).
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
[CollectionBuilder(typeof(StructuralList), nameof(StructuralList.Create))]
public sealed class StructuralList<T> : IReadOnlyList<T>, IEquatable<StructuralList<T>>
{
    private readonly ImmutableArray<T> items;

    internal StructuralList(ImmutableArray<T> items)
    {
        this.items = items;
    }

    /// <summary>The empty list.</summary>
    public static StructuralList<T> Empty { get; } = new(ImmutableArray<T>.Empty);

    /// <inheritdoc/>
    public int Count => items.Length;

    /// <inheritdoc/>
    public T this[int index] => items[index];

    /// <summary>The elements as a span, for fast copies.</summary>
    public ReadOnlySpan<T> AsSpan() => items.AsSpan();

    /// <summary>Copies the elements into a new array.</summary>
    public T[] ToArray() => items.ToArray();

    /// <summary>Makes a list from a copy of <paramref name="values"/>.</summary>
    public static implicit operator StructuralList<T>(T[] values) => StructuralList.Create<T>(values);

    /// <inheritdoc/>
    public bool Equals(StructuralList<T>? other)
    {
        if (other is null)
        {
            return false;
        }

        return ReferenceEquals(this, other) || items.AsSpan().SequenceEqual(other.items.AsSpan(), EqualityComparer<T>.Default);
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as StructuralList<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(items.Length);
        foreach (var item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }

    /// <summary>Content equality.</summary>
    public static bool operator ==(StructuralList<T>? left, StructuralList<T>? right) =>
        left is null ? right is null : left.Equals(right);

    /// <summary>Content inequality.</summary>
    public static bool operator !=(StructuralList<T>? left, StructuralList<T>? right) => !(left == right);

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", items) + "]";
}

/// <summary>Factory methods for <see cref="StructuralList{T}"/> (also used by collection expressions).</summary>
public static class StructuralList
{
    /// <summary>Makes a list from a copy of <paramref name="values"/>.</summary>
    public static StructuralList<T> Create<T>(ReadOnlySpan<T> values) =>
        values.IsEmpty ? StructuralList<T>.Empty : new StructuralList<T>(ImmutableArray.Create(values));

    /// <summary>Makes a list from a sequence.</summary>
    public static StructuralList<T> From<T>(IEnumerable<T> values) => new(values.ToImmutableArray());
}
