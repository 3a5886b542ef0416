using System;
using System.Collections.Generic;

namespace GenOrm.Migrations;

/// <summary>Copies and compares the lists the schema model types hold, so that those types stay immutable and equal by value.</summary>
internal static class ModelLists
{
    public static T[] Copy<T>(IReadOnlyList<T> items, string parameterName)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(items, parameterName);
        var copy = new T[items.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = items[i] ?? throw new ArgumentException(ErrorMessages.ModelListHoldsNull(parameterName, i), parameterName);
        }

        return copy;
    }

    public static bool SequenceEqual<T>(IReadOnlyList<T> left, IReadOnlyList<T> right)
        where T : IEquatable<T>
    {
        if (left.Count != right.Count)
        {
            return false;
        }

        for (int i = 0; i < left.Count; i++)
        {
            if (!left[i].Equals(right[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static int Hash<T>(IReadOnlyList<T> items)
        where T : notnull
    {
        var hash = default(HashCode);
        hash.Add(items.Count);
        foreach (T item in items)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
