using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;

namespace GenOrm.Benchmarks.Postgres;

/// <summary>
/// Puts the sockets a workload's connections hold into the kernel's blocking mode for a while (Linux only), so that an
/// allocation count sees only what the code under test allocates, not the receives that had to wait for the server.
/// </summary>
/// <remarks>
/// <para>
/// Npgsql connects with <see cref="Socket.Blocking"/> off and then sets it back on. On Unix, .NET leaves the descriptor
/// non-blocking from then on and emulates every blocking call: a receive that finds no data yet waits on a
/// <see cref="ManualResetEventSlim"/> for a new receive operation, which allocates about 192 B (on .NET 10). Whether a
/// round trip pays that depends on whether the server's reply is already there when the client reads, which is a matter
/// of timing (load, cores, how fast the client got there), not of the code: the same lookup on the same connection
/// allocates 192 B one minute and 384 B the next, on either peer.
/// </para>
/// <para>
/// With the descriptor blocking again, .NET's first, non-blocking try (a plain <c>recv</c>) waits in the kernel until
/// the data is there, so the emulated wait and its allocations never happen. Only synchronous calls may run meanwhile
/// (an asynchronous receive would block .NET's event thread); <see cref="Dispose"/> makes the descriptors non-blocking
/// again.
/// </para>
/// </remarks>
internal sealed class BlockingSockets : IDisposable
{
    private const int GetFlags = 3;
    private const int SetFlags = 4;
    private const int NonBlocking = 0x800; // O_NONBLOCK on Linux

    private readonly List<(Socket Socket, int Flags)> _changed;

    private BlockingSockets(List<(Socket Socket, int Flags)> changed) => _changed = changed;

    /// <summary>Gets the number of sockets made blocking.</summary>
    public int Count => _changed.Count;

    /// <summary>
    /// Makes blocking every open socket reachable from <paramref name="root"/> through instance fields (the peers'
    /// connections and their pools), or returns <see langword="null"/> where this is not Linux.
    /// </summary>
    public static BlockingSockets? Engage(object root)
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var changed = new List<(Socket, int)>();
        foreach (Socket socket in Reachable(root))
        {
            int fd = (int)socket.Handle;
            int flags = Fcntl(fd, GetFlags, 0);
            if (flags >= 0 && (flags & NonBlocking) != 0 && Fcntl(fd, SetFlags, flags & ~NonBlocking) == 0)
            {
                changed.Add((socket, flags));
            }
        }

        return new BlockingSockets(changed);
    }

    /// <summary>Makes the descriptors non-blocking again, as .NET expects them.</summary>
    public void Dispose()
    {
        foreach ((Socket socket, int flags) in _changed)
        {
            try
            {
                Fcntl((int)socket.Handle, SetFlags, flags);
            }
            catch (ObjectDisposedException)
            {
                // Closed meanwhile (a pool pruned it): nothing to give back.
            }
        }

        _changed.Clear();
    }

    /// <summary>The sockets in the object graph under <paramref name="root"/> (instance fields, breadth first).</summary>
    private static List<Socket> Reachable(object root)
    {
        const BindingFlags Fields = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var sockets = new List<Socket>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<object>();
        queue.Enqueue(root);
        while (queue.Count > 0)
        {
            object node = queue.Dequeue();
            if (!seen.Add(node))
            {
                continue;
            }

            if (node is Socket socket)
            {
                if (socket.Connected)
                {
                    sockets.Add(socket);
                }

                continue;
            }

            Type type = node.GetType();
            if (type.IsPrimitive || type.IsEnum || node is string or Type or MemberInfo or Delegate or Assembly or Module)
            {
                continue;
            }

            if (node is Array array)
            {
                if (!type.GetElementType()!.IsPrimitive)
                {
                    foreach (object? item in array)
                    {
                        if (item is not null)
                        {
                            queue.Enqueue(item);
                        }
                    }
                }

                continue;
            }

            for (Type? t = type; t is not null; t = t.BaseType)
            {
                foreach (FieldInfo field in t.GetFields(Fields))
                {
                    if (field.FieldType.IsPrimitive || field.FieldType.IsPointer || field.FieldType.IsFunctionPointer || field.FieldType.IsByRefLike)
                    {
                        continue;
                    }

                    if (field.GetValue(node) is { } value)
                    {
                        queue.Enqueue(value);
                    }
                }
            }
        }

        return sockets;
    }

    [DllImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static extern int Fcntl(int fd, int command, int argument);
}
