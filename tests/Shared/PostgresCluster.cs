using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace GenOrm.Testing;

/// <summary>
/// A throwaway PostgreSQL server for tests and benchmarks: <c>initdb</c> into a new temp folder, trust authentication,
/// fsync off, listening on a free 127.0.0.1 port and on a unix socket in that folder; <see cref="Dispose"/> stops it
/// (<c>pg_ctl stop -m fast</c>) and deletes the folder.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root, so when this process is root (CI) every server command runs as the OS user
/// <c>postgres</c> through <c>runuser -u postgres --</c>, and the folder is given to that user.
/// <para>
/// No server outlives its process. <see cref="Dispose"/> stops it; the process's normal exit
/// (<see cref="AppDomain.ProcessExit"/>) disposes a cluster nobody disposed; and a watchdog (a detached <c>/bin/sh</c>
/// that holds the read end of a pipe only this process writes to) stops the server and deletes the folder when the pipe
/// closes without the word <c>stopped</c>, which is what the kernel does when this process dies any other way: SIGKILL,
/// a crash, or SIGTERM (which, since .NET 10, ends a process without raising ProcessExit).
/// </para>
/// </remarks>
public sealed class PostgresCluster : IDisposable
{
    /// <summary>The superuser <c>initdb</c> creates, who connects without a password (trust authentication).</summary>
    public const string Superuser = "postgres";

    /// <summary>The OS user the server runs as when this process is root.</summary>
    public const string ServerOsUser = "postgres";

    /// <summary>What <see cref="Start"/> says when no PostgreSQL installation is found.</summary>
    public const string BinariesNotFound = "PostgreSQL binaries (initdb, pg_ctl) not found on PATH or in /usr/lib/postgresql/*/bin";

    // Another process may take the free port between the probe and the server's bind; then start again on another.
    private const int MaxStartAttempts = 5;

    // pg_ctl -w already waits for the server to say "ready"; this bounds the connection check after it.
    private const int MaxConnectAttempts = 100;
    private const int ConnectRetryMilliseconds = 100;

    // A unix socket's path is at most 107 bytes on Linux (sun_path is 108 with the terminating NUL; 103 on macOS).
    private const int MaxSocketPathBytes = 103;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);
    private static long s_databases;

    private readonly Process? _watchdog;
    private int _disposed;

    private PostgresCluster(string binDirectory, string folder)
    {
        BinDirectory = binDirectory;
        Folder = folder;
        DataDirectory = Path.Combine(folder, "data");
        string socketPath = Path.Combine(folder, ".s.PGSQL.65535");
        SocketDirectory = OperatingSystem.IsWindows() || Encoding.UTF8.GetByteCount(socketPath) > MaxSocketPathBytes ? null : folder;
        _watchdog = StartWatchdog();
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    /// <summary>Gets whether this process is root, so that the server runs as <see cref="ServerOsUser"/>.</summary>
    public static bool RunsAsRoot { get; } = !OperatingSystem.IsWindows() && Environment.UserName == "root";

    /// <summary>Gets the folder holding <c>initdb</c> and <c>pg_ctl</c> that the cluster uses.</summary>
    public string BinDirectory { get; }

    /// <summary>Gets the cluster's temp folder: the data directory, the server log and the unix socket.</summary>
    public string Folder { get; }

    /// <summary>Gets the data directory (<c>initdb -D</c>).</summary>
    public string DataDirectory { get; }

    /// <summary>Gets the folder of the server's unix socket, or <see langword="null"/> when its path would be too long for a socket.</summary>
    public string? SocketDirectory { get; }

    /// <summary>Gets the server log (<c>pg_ctl -l</c>).</summary>
    public string LogFile => Path.Combine(Folder, "server.log");

    /// <summary>Gets the 127.0.0.1 port the server listens on.</summary>
    public int Port { get; private set; }

    /// <summary>Gets a connection string for the superuser on the <c>postgres</c> database, without pooling.</summary>
    public string AdminConnectionString => ConnectionStringFor("postgres", pooling: false);

    /// <summary>
    /// Finds a folder with both <c>initdb</c> and <c>pg_ctl</c>: the first on PATH, else the newest
    /// <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (Debian's layout, not on PATH by default).
    /// </summary>
    /// <returns>The folder, or <see langword="null"/> when there is none.</returns>
    public static string? FindBinDirectory()
    {
        string suffix = OperatingSystem.IsWindows() ? ".exe" : "";
        IEnumerable<string> path = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return path.Concat(DebianBinDirectories()).FirstOrDefault(dir =>
            File.Exists(Path.Combine(dir, "initdb" + suffix)) && File.Exists(Path.Combine(dir, "pg_ctl" + suffix)));
    }

    /// <summary>Creates a cluster in a new temp folder, starts it and waits until it accepts connections.</summary>
    /// <returns>The running cluster; dispose it to stop the server and delete the folder.</returns>
    /// <exception cref="InvalidOperationException">
    /// No binaries were found, or initdb, pg_ctl or the first connection failed; the message names the command and
    /// quotes its error output (and the server log).
    /// </exception>
    public static PostgresCluster Start()
    {
        string binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(BinariesNotFound + ".");
        var cluster = new PostgresCluster(binDirectory, Directory.CreateTempSubdirectory("genorm-pg-").FullName);
        try
        {
            cluster.InitDb();
            cluster.StartServer();
            cluster.WaitUntilAcceptingConnections();
            return cluster;
        }
        catch
        {
            cluster.Dispose();
            throw;
        }
    }

    /// <summary>Creates a new, empty database with a name no other call returns.</summary>
    /// <returns>Its name, its URL (<c>postgresql://postgres@127.0.0.1:PORT/NAME</c>) and an Npgsql connection string.</returns>
    public PostgresDatabase CreateDatabase()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        string name = "genorm_" + Interlocked.Increment(ref s_databases).ToString(CultureInfo.InvariantCulture);
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            command.ExecuteNonQuery();
        }

        return new PostgresDatabase(
            name,
            string.Create(CultureInfo.InvariantCulture, $"postgresql://{Superuser}@127.0.0.1:{Port}/{name}"),
            ConnectionStringFor(name, pooling: true));
    }

    /// <summary>
    /// Restarts the server on the same port (<c>pg_ctl restart -m fast</c>), as a server restart in production does:
    /// every session ends, and the server accepts connections again when this returns.
    /// </summary>
    /// <exception cref="InvalidOperationException">pg_ctl failed, or the server refused connections afterwards.</exception>
    public void Restart()
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        RunAsServerUser(Tool("pg_ctl"), [
            "restart", "-m", "fast", "-w", "-t", "120", "-D", DataDirectory, "-l", LogFile,
            "-o", "-p " + Port.ToString(CultureInfo.InvariantCulture)]);
        WaitUntilAcceptingConnections();
    }

    /// <summary>Reads the postmaster's process id from the data directory's lock file (<c>postmaster.pid</c>, first line).</summary>
    /// <returns>The process id, or <see langword="null"/> when the server is not running.</returns>
    public int? ReadPostmasterProcessId()
    {
        string lockFile = Path.Combine(DataDirectory, "postmaster.pid");
        return File.Exists(lockFile) && int.TryParse(File.ReadLines(lockFile).FirstOrDefault(), CultureInfo.InvariantCulture, out int pid)
            ? pid
            : null;
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>) and deletes the folder.</summary>
    /// <exception cref="InvalidOperationException">The server could not be stopped; the message quotes pg_ctl's output.</exception>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (ReadPostmasterProcessId() is not null)
            {
                StopServer();
            }
        }
        finally
        {
            Directory.Delete(Folder, recursive: true);
            ReleaseWatchdog();
        }
    }

    /// <summary>
    /// Closes the watchdog's pipe without telling it the server was stopped, as the kernel does when this process is
    /// killed: the watchdog then stops the server and deletes the folder. For the test that checks it.
    /// </summary>
    internal void CloseWatchdogPipeAsIfKilled()
    {
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        Interlocked.Exchange(ref _disposed, 1);
        _watchdog?.StandardInput.Close();
        _watchdog?.Dispose();
    }

    private void OnProcessExit(object? sender, EventArgs e) => Dispose();

    private void InitDb()
    {
        if (RunsAsRoot)
        {
            Run("chown", [ServerOsUser + ":", Folder]);
        }

        RunAsServerUser(Tool("initdb"), [
            "-D", DataDirectory, "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"]);

        // Settings for a throwaway cluster; the port is given on the command line, so that a retry can change it.
        string socketDirectories = SocketDirectory?.Replace("'", "''", StringComparison.Ordinal) ?? "";
        File.AppendAllText(Path.Combine(DataDirectory, "postgresql.conf"), $"""

            # GenOrm's throwaway test cluster (tests/Shared/PostgresCluster.cs)
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{socketDirectories}'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 200

            """);
    }

    private void StartServer()
    {
        for (int attempt = 1; ; attempt++)
        {
            Port = FreeLoopbackPort();
            int logLength = ReadLog().Length;
            try
            {
                RunAsServerUser(Tool("pg_ctl"), [
                    "start", "-w", "-t", "120", "-D", DataDirectory, "-l", LogFile,
                    "-o", "-p " + Port.ToString(CultureInfo.InvariantCulture)]);
                return;
            }
            catch (InvalidOperationException) when (attempt < MaxStartAttempts && ReadLog()[logLength..].Contains("Address already in use", StringComparison.Ordinal))
            {
                // The port was taken after the probe (the log says so); the next attempt probes another and appends to the log.
            }
            catch (InvalidOperationException e)
            {
                throw new InvalidOperationException(e.Message + Environment.NewLine + "Server log (" + LogFile + "):" + Environment.NewLine + ReadLog()[logLength..], e);
            }
        }
    }

    private void WaitUntilAcceptingConnections()
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                using var connection = new NpgsqlConnection(AdminConnectionString);
                connection.Open();
                using var command = new NpgsqlCommand("SELECT 1", connection);
                command.ExecuteScalar();
                return;
            }
            catch (NpgsqlException) when (attempt < MaxConnectAttempts)
            {
                Thread.Sleep(ConnectRetryMilliseconds);
            }
            catch (NpgsqlException e)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL server in '{DataDirectory}' started but refused {MaxConnectAttempts} connection attempts on 127.0.0.1:{Port}: {e.Message}",
                    e);
            }
        }
    }

    private void StopServer()
    {
        try
        {
            RunAsServerUser(Tool("pg_ctl"), ["stop", "-m", "fast", "-w", "-t", "120", "-D", DataDirectory]);
        }
        catch (InvalidOperationException fast)
        {
            // Do not leave a server behind: try once more without waiting for sessions to end.
            RunAsServerUser(Tool("pg_ctl"), ["stop", "-m", "immediate", "-w", "-D", DataDirectory]);
            throw new InvalidOperationException(fast.Message + " (the server was then stopped with -m immediate)", fast);
        }
    }

    private string ConnectionStringFor(string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = Superuser,
            Database = database,
            Pooling = pooling,
        }.ConnectionString;

    private string ReadLog() => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    private string Tool(string name) => Path.Combine(BinDirectory, OperatingSystem.IsWindows() ? name + ".exe" : name);

    /// <summary>The words that run a server command: as <see cref="ServerOsUser"/> when this process is root.</summary>
    private static string[] AsServerUser(string file, IEnumerable<string> arguments) =>
        RunsAsRoot ? ["runuser", "-u", ServerOsUser, "--", file, .. arguments] : [file, .. arguments];

    private void RunAsServerUser(string file, string[] arguments)
    {
        string[] command = AsServerUser(file, arguments);
        Run(command[0], command[1..]);
    }

    private void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,

            // The server user must be able to enter the working directory (root's home is closed to it).
            WorkingDirectory = Folder,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        string commandLine = string.Join(' ', arguments.Prepend(file).Select(a => a.Contains(' ', StringComparison.Ordinal) ? "\"" + a + "\"" : a));
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"'{commandLine}' did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{commandLine}' could not be started: {e.Message}", e);
        }

        using (process)
        {
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            Task<string> error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(CommandTimeout))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException($"'{commandLine}' did not finish within {CommandTimeout.TotalMinutes} minutes and was killed.");
            }

            if (process.ExitCode != 0)
            {
                string said = (error.Result.Trim() + Environment.NewLine + output.Result.Trim()).Trim();
                string hint = RunsAsRoot
                    ? $" (this process is root, so PostgreSQL runs as the OS user '{ServerOsUser}' through runuser; that user must exist and may enter '{Folder}')"
                    : "";
                throw new InvalidOperationException($"'{commandLine}' failed with exit code {process.ExitCode}{hint}: {said}");
            }
        }
    }

    /// <summary>
    /// Starts the watchdog: a shell that detaches itself (so that killing this process's tree spares it), waits for a
    /// line on the pipe from this process, and unless that line is <c>stopped</c>, stops the server and deletes the
    /// folder. The pipe's write end is close-on-exec, so no other process holds it open.
    /// </summary>
    private Process? StartWatchdog()
    {
        if (!File.Exists("/bin/sh"))
        {
            return null;
        }

        const string Script = """
            folder=$1; shift
            exec 3<&0
            (
              trap '' INT TERM HUP
              read -r word <&3
              if [ "$word" != stopped ]; then "$@"; rm -rf "$folder"; fi
            ) </dev/null >/dev/null 2>&1 &
            """;
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = Folder };
        foreach (string argument in (string[])["-c", Script, "genorm-pg-watchdog", Folder, .. AsServerUser(Tool("pg_ctl"), ["stop", "-m", "immediate", "-w", "-D", DataDirectory])])
        {
            start.ArgumentList.Add(argument);
        }

        Process watchdog = Process.Start(start) ?? throw new InvalidOperationException("The PostgreSQL watchdog shell did not start.");
        watchdog.WaitForExit();
        return watchdog;
    }

    private void ReleaseWatchdog()
    {
        if (_watchdog is null)
        {
            return;
        }

        try
        {
            _watchdog.StandardInput.WriteLine("stopped");
            _watchdog.StandardInput.Close();
        }
        catch (IOException)
        {
            // The watchdog is gone already.
        }

        _watchdog.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IEnumerable<string> DebianBinDirectories()
    {
        const string Root = "/usr/lib/postgresql";
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.GetDirectories(Root)
            .Select(dir => (Dir: dir, Version: Version.TryParse(Path.GetFileName(dir) + (Path.GetFileName(dir).Contains('.', StringComparison.Ordinal) ? "" : ".0"), out Version? v) ? v : new Version(0, 0)))
            .OrderByDescending(d => d.Version)
            .Select(d => Path.Combine(d.Dir, "bin"));
    }
}

/// <summary>A database that <see cref="PostgresCluster.CreateDatabase"/> created.</summary>
/// <param name="Name">Its name.</param>
/// <param name="Url">Its URL: <c>postgresql://postgres@127.0.0.1:PORT/NAME</c>.</param>
/// <param name="ConnectionString">An Npgsql connection string for it (pooling on).</param>
public sealed record PostgresDatabase(string Name, string Url, string ConnectionString);
