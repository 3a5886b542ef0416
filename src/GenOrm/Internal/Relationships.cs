using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using System.Threading.Tasks;

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
        var load = new ChildLoad<TParent, TChild, TKey>(connection, parents, parentKey, filter, childKey);
        for (int start = 0; start < load.Keys.Count; start += MaxKeysPerQuery)
        {
            load.Add(load.Query(start).All());
        }

        return load.Result;
    }

    /// <summary>
    /// The asynchronous twin of <see cref="LoadChildren{TParent, TChild, TKey}"/>: each query (one per
    /// <see cref="MaxKeysPerQuery"/> parents) is awaited.
    /// </summary>
    /// <typeparam name="TParent">The referenced table class.</typeparam>
    /// <typeparam name="TChild">The referring table class.</typeparam>
    /// <typeparam name="TKey">The type of the referenced key.</typeparam>
    /// <param name="connection">The connection.</param>
    /// <param name="parents">The parents; each appears in the result, with an empty list when it has no children.</param>
    /// <param name="parentKey">Gets a parent's key.</param>
    /// <param name="filter">Builds the condition that selects the children of a set of keys.</param>
    /// <param name="childKey">Gets the key a child refers to.</param>
    /// <param name="cancellationToken">Stops the query that is running.</param>
    /// <returns>Each parent (compared by reference) with its children, in the order the query returns them.</returns>
    public static async Task<Dictionary<TParent, List<TChild>>> LoadChildrenAsync<TParent, TChild, TKey>(
        Connection connection,
        IEnumerable<TParent> parents,
        Func<TParent, TKey> parentKey,
        Func<IReadOnlyList<TKey>, Condition<TChild>> filter,
        Func<TChild, TKey> childKey,
        CancellationToken cancellationToken)
        where TParent : class
        where TChild : ITable<TChild>
        where TKey : notnull
    {
        using Connection.UseScope use = connection.Enter();
        var load = new ChildLoad<TParent, TChild, TKey>(connection, parents, parentKey, filter, childKey);
        for (int start = 0; start < load.Keys.Count; start += MaxKeysPerQuery)
        {
            load.Add(await use.Held(load.Query(start).AllAsync(cancellationToken)));
        }

        return load.Result;
    }

    /// <summary>What <c>LoadChildren</c> and its twin share: the parents grouped by key, the query per chunk of keys, and the result.</summary>
    private sealed class ChildLoad<TParent, TChild, TKey>
        where TParent : class
        where TChild : ITable<TChild>
        where TKey : notnull
    {
        private readonly Connection _connection;
        private readonly Func<IReadOnlyList<TKey>, Condition<TChild>> _filter;
        private readonly Func<TChild, TKey> _childKey;
        private readonly Dictionary<TKey, List<TParent>> _parentsByKey = new();

        public ChildLoad(
            Connection connection,
            IEnumerable<TParent> parents,
            Func<TParent, TKey> parentKey,
            Func<IReadOnlyList<TKey>, Condition<TChild>> filter,
            Func<TChild, TKey> childKey)
        {
            ArgumentNullException.ThrowIfNull(connection);
            ArgumentNullException.ThrowIfNull(parents);
            _connection = connection;
            _filter = filter;
            _childKey = childKey;
            foreach (TParent parent in parents)
            {
                ArgumentNullException.ThrowIfNull(parent, nameof(parents));
                if (!Result.TryAdd(parent, new List<TChild>()))
                {
                    continue;
                }

                TKey key = parentKey(parent);
                if (!_parentsByKey.TryGetValue(key, out List<TParent>? sameKey))
                {
                    _parentsByKey.Add(key, sameKey = new List<TParent>());
                    Keys.Add(key);
                }

                sameKey.Add(parent);
            }
        }

        /// <summary>Gets the distinct keys of the parents, in the order the parents came.</summary>
        public List<TKey> Keys { get; } = new();

        /// <summary>Gets each parent (compared by reference) with the children found so far.</summary>
        public Dictionary<TParent, List<TChild>> Result { get; } = new(ReferenceEqualityComparer.Instance);

        /// <summary>Gets the query for the children of the chunk of keys from <paramref name="start"/>.</summary>
        public Query<TChild> Query(int start) =>
            Query<TChild>.Create(_connection).Where(_filter(Keys.GetRange(start, Math.Min(MaxKeysPerQuery, Keys.Count - start))));

        /// <summary>Gives each child to every parent with its key.</summary>
        public void Add(List<TChild> children)
        {
            foreach (TChild child in children)
            {
                foreach (TParent parent in _parentsByKey[_childKey(child)])
                {
                    Result[parent].Add(child);
                }
            }
        }
    }
}
