using System.Globalization;
using MicroBackbone.Compiler.Training;
using Spectre.Console;

namespace MicroBackbone.Cli.Rendering;

/// <summary>
/// Shows a training run in the terminal: a bar over the epochs, a bar over the batches of the current phase with its
/// running loss and accuracy, and one line per finished epoch; a table of all epochs at the end.
/// </summary>
internal sealed class TrainingProgressView
{
    private readonly IAnsiConsole console;

    private readonly TimeSpan plainInterval;

    /// <summary>
    /// A view on <paramref name="console"/>; piped, it prints a progress line at most every <paramref name="plainInterval"/>
    /// (default <see cref="TaskProgressView.PlainInterval"/>: 15 s, or <c>MBC_PROGRESS_SECONDS</c>).
    /// </summary>
    public TrainingProgressView(IAnsiConsole console, TimeSpan? plainInterval = null)
    {
        this.console = console;
        this.plainInterval = plainInterval ?? TaskProgressView.PlainInterval;
    }

    /// <summary>
    /// Runs <paramref name="train"/> with hooks that drive the display and then forward to <paramref name="callerHooks"/>
    /// (which save checkpoints), and returns its result.
    /// </summary>
    public TrainingResult Run(int firstEpoch, int epochs, TrainingHooks callerHooks, Func<TrainingHooks, TrainingResult> train)
    {
        if (!console.Profile.Capabilities.Interactive)
        {
            return RunPlain(callerHooks, train);
        }

        TrainingResult? result = null;
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                ProgressTask overall = context.AddTask("epochs", maxValue: epochs);
                overall.Value = firstEpoch;
                ProgressTask batches = context.AddTask("batches", maxValue: 1);
                var hooks = new TrainingHooks
                {
                    Progress = p =>
                    {
                        batches.MaxValue = p.Batches;
                        batches.Value = p.Batch;
                        batches.Description = Describe(p);
                        overall.Description = $"epoch {p.Epoch}/{p.Epochs}";
                        callerHooks.Progress?.Invoke(p);
                    },
                    NewBest = m => callerHooks.NewBest?.Invoke(m),
                    EpochCompleted = (m, history) =>
                    {
                        overall.Value = m.Epoch;
                        PrintEpoch(m, history);
                        callerHooks.EpochCompleted?.Invoke(m, history);
                    },
                };
                result = train(hooks);
            });
        return result!;
    }

    // Piped to a log: no bars (they would print as stray "0%" lines), a plain progress line at most every
    // plainInterval, and the per-epoch lines.
    private TrainingResult RunPlain(TrainingHooks callerHooks, Func<TrainingHooks, TrainingResult> train)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        TimeSpan next = plainInterval;
        return train(new TrainingHooks
        {
            Progress = p =>
            {
                if (clock.Elapsed >= next)
                {
                    next = clock.Elapsed + plainInterval;
                    console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches} {Describe(p)}"));
                }

                callerHooks.Progress?.Invoke(p);
            },
            NewBest = m => callerHooks.NewBest?.Invoke(m),
            EpochCompleted = (m, history) =>
            {
                PrintEpoch(m, history);
                callerHooks.EpochCompleted?.Invoke(m, history);
            },
        });
    }

    private static string Describe(TrainingProgress p)
    {
        string phase = p.Phase == TrainingPhase.Train ? "train" : "val  ";
        return string.Create(CultureInfo.InvariantCulture, $"{phase} loss {p.Loss:F3} acc {100 * p.Accuracy:F1}% lr {p.LearningRate:G3}");
    }

    private void PrintEpoch(EpochMetrics m, IReadOnlyList<EpochMetrics> history)
    {
        bool best = history.All(h => h.ValidationAccuracy <= m.ValidationAccuracy);
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"epoch {m.Epoch,3}  train loss {m.TrainLoss:F4} acc {100 * m.TrainAccuracy:F2}%  val loss {m.ValidationLoss:F4} acc {100 * m.ValidationAccuracy:F2}%  {m.ImagesPerSecond:F0} img/s{(best ? "  [green]best[/]" : "")}"));
    }

    /// <summary>Prints every epoch of <paramref name="history"/> as a table, marking the best one.</summary>
    public void RenderHistory(IReadOnlyList<EpochMetrics> history, int bestEpoch)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (string column in new[] { "epoch", "train loss", "train acc", "val loss", "val acc", "lr", "img/s", "s" })
        {
            table.AddColumn(new TableColumn(column).RightAligned());
        }
        foreach (EpochMetrics m in history)
        {
            string epoch = m.Epoch == bestEpoch ? $"[green]{m.Epoch}*[/]" : m.Epoch.ToString(CultureInfo.InvariantCulture);
            table.AddRow(
                epoch, F(m.TrainLoss, "F4"), F(100 * m.TrainAccuracy, "F2") + "%", F(m.ValidationLoss, "F4"), F(100 * m.ValidationAccuracy, "F2") + "%",
                F(m.LearningRate, "G3"), F(m.ImagesPerSecond, "F0"), F(m.Seconds, "F1"));
        }
        console.Write(table);
    }

    private static string F(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
