using System.CommandLine;

namespace MicroBackbone.Cli.Commands;

/// <summary>How much a verb prints on success.</summary>
internal enum LogLevel
{
    /// <summary>Nothing but errors.</summary>
    Quiet,

    /// <summary>The summary table (default).</summary>
    Info,

    /// <summary>The summary plus per-tensor or per-layer detail.</summary>
    Debug,
}

/// <summary>The <c>--log-level quiet|info|debug</c> flag of <c>quantize</c> and <c>prune</c>.</summary>
internal sealed class LogLevelOption
{
    public Option<string> Option { get; } = new("--log-level") { Description = "quiet, info or debug (debug adds per-tensor or per-layer detail).", DefaultValueFactory = _ => "info" };

    public LogLevelOption() => Option.AcceptOnlyFromAmong("quiet", "info", "debug");

    public void AddTo(Command command) => command.Options.Add(Option);

    public LogLevel Resolve(ParseResult parse) => parse.GetValue(Option) switch
    {
        "quiet" => LogLevel.Quiet,
        "debug" => LogLevel.Debug,
        _ => LogLevel.Info,
    };
}
