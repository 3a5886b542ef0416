using System;
using System.Collections.Generic;
using System.ComponentModel;

namespace GenOrm.Internal;

/// <summary>Loads related rows for the generated navigation helpers. Used by generated code; not meant to be called directly.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class Relationships
{
    /// <summary>The most keys put in one <c>IN (...)</c> list.</summary>
    public const int MaxKeysPerQuery = 500;

    /// <summary>
    /// Loads the children of many parents with one query per <see cref="MaxKeysPerQuery"/> parents instead of one
    /// query per parent.
    /// </summary>
    /// <typeparam name="TParent">The referenced table class.</typeparam>
    /// <typeparam name="TChild">The referring table class.</typeparam>
    /// <typeparam name="TKey">The type of the referenced key.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="parents">The parents; each appears in the result, with an empty list when it has no children.</param>
    /// <param name="parentKey">Gets a parent's key.</param>
    /// <param name="filter">Builds the condition that selects the children of a set of keys.</param>
    /// <param name="childKey">Gets the key a child refers to.</param>
    /// <returns>Each parent (compared by reference) with its children, in the order the query returns them.</returns>
    public static Dictionary<TParent, List<TChild>> LoadChildren<TParent, TChild, TKey>(
        Connection connection,
        IEnumerable<TParent> parents,
        Func<TParent, TKey> parentKey,
        Func<IReadOnlyList<TKey>, Condition<TChild>> filter,
        Func<TChild, TKey> childKey)
        where TParent : class
        where TChild : ITable<TChild>
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(parents);
        var result = new Dictionary<TParent, List<TChild>>(ReferenceEqualityComparer.Instance);
        var parentsByKey = new Dictionary<TKey, List<TParent>>();
        var keys = new List<TKey>();
        foreach (TParent parent in parents)
        {
            ArgumentNullException.ThrowIfNull(parent, nameof(parents));
            if (!result.TryAdd(parent, new List<TChild>()))
            {
                continue;
            }

            TKey key = parentKey(parent);
            if (!parentsByKey.TryGetValue(key, out List<TParent>? sameKey))
            {
                parentsByKey.Add(key, sameKey = new List<TParent>());
                keys.Add(key);
            }

            sameKey.Add(parent);
        }

        for (int start = 0; start < keys.Count; start += MaxKeysPerQuery)
        {
            List<TKey> chunk = keys.GetRange(start, Math.Min(MaxKeysPerQuery, keys.Count - start));
            foreach (TChild child in Query<TChild>.Create(connection).Where(filter(chunk)).All())
            {
                foreach (TParent parent in parentsByKey[childKey(child)])
                {
                    result[parent].Add(child);
                }
            }
        }

        return result;
    }
}
