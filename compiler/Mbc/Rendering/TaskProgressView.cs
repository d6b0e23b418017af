using System.Globalization;
using Spectre.Console;

namespace MicroBackbone.Cli.Rendering;

/// <summary>
/// Progress of one long task that counts steps (batches of <c>mbc test</c>, models of <c>mbc compare</c>): a bar on a
/// terminal, and, piped to a log, a plain line at most every <see cref="PlainInterval"/> (never a bar, which would
/// print as stray "0%" lines). Like <see cref="TrainingProgressView"/>, whose plain interval it shares.
/// </summary>
internal sealed class TaskProgressView
{
    /// <summary>Environment variable that sets the seconds between plain progress lines (default 15).</summary>
    public const string IntervalVariable = "MBC_PROGRESS_SECONDS";

    private readonly IAnsiConsole console;

    private readonly TimeSpan plainInterval;

    /// <summary>A view on <paramref name="console"/>; piped, it prints a line at most every <paramref name="plainInterval"/>.</summary>
    public TaskProgressView(IAnsiConsole console, TimeSpan? plainInterval = null)
    {
        this.console = console;
        this.plainInterval = plainInterval ?? PlainInterval;
    }

    /// <summary>Seconds between plain lines: <see cref="IntervalVariable"/> when it holds a number, else 15.</summary>
    public static TimeSpan PlainInterval =>
        double.TryParse(Environment.GetEnvironmentVariable(IntervalVariable), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s >= 0
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(15);

    /// <summary>
    /// Runs <paramref name="work"/>, which reports (steps done, steps, detail) through the action it is given, and
    /// returns its result. <paramref name="label"/> names the task in the bar and in each plain line.
    /// </summary>
    public T Run<T>(string label, Func<Action<int, int, string>, T> work)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            TimeSpan next = plainInterval;
            return work((done, total, detail) =>
            {
                if (clock.Elapsed >= next)
                {
                    next = clock.Elapsed + plainInterval;
                    console.WriteLine(Line(label, done, total, detail));
                }
            });
        }

        T result = default!;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask(Markup.Escape(label), maxValue: 1);
                result = work((done, total, detail) =>
                {
                    task.MaxValue = Math.Max(1, total);
                    task.Value = done;
                    task.Description = Markup.Escape($"{label} {detail}");
                });
            });
        return result;
    }

    /// <summary>The plain line for one report.</summary>
    public static string Line(string label, int done, int total, string detail) =>
        string.Create(CultureInfo.InvariantCulture, $"{label} {done}/{total}{(detail.Length > 0 ? " " + detail : "")}");
}
