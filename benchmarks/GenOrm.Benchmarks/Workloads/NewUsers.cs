using System.Globalization;

namespace GenOrm.Benchmarks.Workloads;

/// <summary>
/// What the InsertMany workloads (SQLite's and PostgreSQL's) write: names and logins made once, and for each invocation
/// a fresh array of emails no earlier invocation used (the column is unique), prepared before each iteration so that
/// the measured call only builds its entities.
/// </summary>
public sealed class NewUsers
{
    private static long s_nextEmail;
    private readonly int _invocationsPerIteration;
    private string[][] _emails = [];
    private int _invocation;

    public NewUsers(int rows, int invocationsPerIteration)
    {
        _invocationsPerIteration = invocationsPerIteration;
        Names = new string[rows];
        Logins = new string[rows];
        for (int i = 0; i < rows; i++)
        {
            Names[i] = "New user " + i.ToString(CultureInfo.InvariantCulture);
            Logins[i] = "newlogin" + i.ToString(CultureInfo.InvariantCulture);
        }
    }

    public string[] Names { get; }

    public string[] Logins { get; }

    /// <summary>Call from [IterationSetup]: the emails of this iteration's invocations (one more, for the jitting call).</summary>
    public void PrepareIteration()
    {
        _invocation = 0;
        _emails = new string[_invocationsPerIteration + 1][];
        for (int k = 0; k < _emails.Length; k++)
        {
            _emails[k] = FreshEmails();
        }
    }

    /// <summary>The next invocation's emails.</summary>
    public string[] NextEmails() =>
        _invocation < _emails.Length
            ? _emails[_invocation++]

            // More invocations than planned (a job that ignores [InvocationCount]): fresh, still unique, emails.
            : FreshEmails();

    private string[] FreshEmails()
    {
        var emails = new string[Names.Length];
        for (int i = 0; i < emails.Length; i++)
        {
            emails[i] = "new" + Interlocked.Increment(ref s_nextEmail).ToString(CultureInfo.InvariantCulture) + "@example.com";
        }

        return emails;
    }
}
