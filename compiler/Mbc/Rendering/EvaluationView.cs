using System.Globalization;
using MicroBackbone.Compiler.Training;
using Spectre.Console;

namespace MicroBackbone.Cli.Rendering;

/// <summary>Prints an <see cref="EvaluationResult"/> (for <c>mbc test</c>): top-1, loss, per-class accuracy and the confusion matrix.</summary>
internal sealed class EvaluationView
{
    private readonly IAnsiConsole console;

    public EvaluationView(IAnsiConsole console) => this.console = console;

    public void Render(EvaluationResult result, IReadOnlyList<string> classNames)
    {
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture, $"top-1 [bold]{100 * result.Top1:F2}%[/] on {result.Count} images, loss {result.Loss:F4}"));
        ConfusionMatrix confusion = result.Confusion;
        double[] perClass = result.PerClassAccuracy;
        var table = new Table().Border(TableBorder.Rounded).Title("rows: true class, columns: predicted");
        table.AddColumn("class");
        table.AddColumn(new TableColumn("acc").RightAligned());
        for (int p = 0; p < confusion.Classes; p++)
        {
            table.AddColumn(new TableColumn(p.ToString(CultureInfo.InvariantCulture)).RightAligned());
        }
        for (int t = 0; t < confusion.Classes; t++)
        {
            var cells = new List<string>
            {
                Markup.Escape($"{t} {(t < classNames.Count ? classNames[t] : "")}"),
                double.IsNaN(perClass[t]) ? "-" : (100 * perClass[t]).ToString("F1", CultureInfo.InvariantCulture) + "%",
            };
            for (int p = 0; p < confusion.Classes; p++)
            {
                string count = confusion[t, p].ToString(CultureInfo.InvariantCulture);
                cells.Add(t == p ? $"[green]{count}[/]" : confusion[t, p] == 0 ? "[grey]0[/]" : count);
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);
    }
}
