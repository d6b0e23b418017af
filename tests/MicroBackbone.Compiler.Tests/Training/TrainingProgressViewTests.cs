using MicroBackbone.Cli.Rendering;
using MicroBackbone.Compiler.Training;
using Spectre.Console;

namespace MicroBackbone.Compiler.Tests.Training;

public class TrainingProgressViewTests
{
    [Fact]
    public void ForwardsHooksAndPrintsOneLinePerEpochAndATable()
    {
        var output = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var view = new TrainingProgressView(console);
        var forwarded = new List<string>();
        var callerHooks = new TrainingHooks
        {
            Progress = _ => forwarded.Add("progress"),
            NewBest = m => forwarded.Add($"best {m.Epoch}"),
            EpochCompleted = (m, _) => forwarded.Add($"epoch {m.Epoch}"),
        };
        var first = new EpochMetrics(1, 1.5, 0.4, 1.2, 0.5, 0.1, 900, 2);

        TrainingResult result = view.Run(0, 1, callerHooks, hooks =>
        {
            hooks.Progress!(new TrainingProgress(1, 1, TrainingPhase.Train, 1, 1, 1.5, 0.4, 0.1));
            hooks.NewBest!(first);
            hooks.EpochCompleted!(first, new[] { first });
            return new TrainingResult(new[] { first }, 1, false);
        });
        view.RenderHistory(result.History, result.BestEpoch);

        Assert.Equal(new[] { "progress", "best 1", "epoch 1" }, forwarded);
        string text = output.ToString();
        Assert.Contains("epoch   1  train loss 1.5000", text);
        Assert.Contains("val acc", text);
        Assert.Contains("1*", text);
    }

    [Fact]
    public void PipedOutputGetsPlainProgressLinesAndNoBars()
    {
        var output = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var view = new TrainingProgressView(console, TimeSpan.Zero);
        var first = new EpochMetrics(1, 1.5, 0.4, 1.2, 0.5, 0.1, 900, 2);

        view.Run(0, 1, new TrainingHooks(), hooks =>
        {
            hooks.Progress!(new TrainingProgress(1, 1, TrainingPhase.Train, 3, 8, 1.5, 0.4, 0.1));
            hooks.EpochCompleted!(first, new[] { first });
            return new TrainingResult(new[] { first }, 1, false);
        });

        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("epoch 1/1 batch 3/8 train loss 1.500 acc 40.0% lr 0.1", lines[0].TrimEnd());
        Assert.StartsWith("epoch   1  train loss 1.5000", lines[1]);
        Assert.DoesNotContain(lines, l => l.TrimEnd().EndsWith('%'));
    }

    [Fact]
    public void EvaluationViewShowsTopOneAndTheConfusionMatrix()
    {
        var output = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        var result = new EvaluationResult(0.5, ConfusionMatrix.From(new[] { 0, 0, 1, 1 }, new[] { 0, 1, 1, 1 }, 2));

        new EvaluationView(console).Render(result, new[] { "[cat]", "dog" });

        string text = output.ToString();
        Assert.Contains("top-1 75.00% on 4 images", text);
        Assert.Contains("0 [cat]", text);
        Assert.Contains("50.0%", text);
    }
}
