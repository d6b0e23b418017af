using System.CommandLine;
using MicroBackbone.Compiler.Config;
using MicroBackbone.Compiler.Models;

namespace MicroBackbone.Cli.Commands;

/// <summary>The flags that pick a model (<c>--config --arch --input-size --input-channels --num-classes</c>), shared by verbs.</summary>
internal sealed class ModelOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "Model config YAML (default: the shipped model.yaml)." };

    public Option<string?> Arch { get; } = new("--arch") { Description = "edge_nano|edge_micro|edge_small or a TorchVision arch (resnet18, mobilenet_v3_small, ...)." };

    public InputSizeOption InputSize { get; } = new();

    public Option<int?> InputChannels { get; } = new("--input-channels") { Description = "Input channels (1 gray, 3 RGB)." };

    public Option<int?> NumClasses { get; } = new("--num-classes") { Description = "Classifier outputs." };

    public void AddTo(Command command)
    {
        command.Options.Add(Config);
        command.Options.Add(Arch);
        command.Options.Add(InputSize.Option);
        command.Options.Add(InputChannels);
        command.Options.Add(NumClasses);
    }

    /// <summary>The input shape the flags ask for (null when neither <c>--input-size</c> nor <c>--input-channels</c> is given).</summary>
    public InputRequest? Requested(ParseResult parse)
    {
        (int? size, int? channels) = InputSize.Read(parse, parse.GetValue(InputChannels));
        return InputRequest.Of(size, channels);
    }

    /// <summary>The model the flags describe, with <paramref name="classes"/> as the default class count.</summary>
    public ModelSpec Resolve(ParseResult parse, int? classes = null)
    {
        (int? size, int? channels) = InputSize.Read(parse, parse.GetValue(InputChannels));
        return ArchCatalog.Resolve(ModelConfigText.Load(parse.GetValue(Config)), parse.GetValue(Arch), size, channels,
            parse.GetValue(NumClasses) ?? classes);
    }
}
