using MicroBackbone.Compiler.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Evaluation;

/// <summary>
/// Counts the multiply-accumulates of one forward pass of any model, by hooking its convolutions and linear layers
/// (the usual convention: element-wise ops, pooling and normalisation are not counted).
/// </summary>
public static class MacCounter
{
    /// <summary>MACs per image for an input of shape <paramref name="input"/> (C, H, W).</summary>
    public static long Count(nn.Module<Tensor, Tensor> model, long[] input)
    {
        if (model is MicroSignEdge edge)
        {
            // Its layers run through forward() directly (no hooks fire); the analytic summary is exact for it.
            return ModelSummary.Compute(edge.Architecture).TotalMacs;
        }
        long macs = 0;
        var removers = new List<Action>();
        foreach ((string _, nn.Module module) in model.named_modules())
        {
            if (module is Conv2d or Linear && module is nn.Module<Tensor, Tensor> layer)
            {
                // Conv2d weight: [out, in/groups, kh, kw]; Linear: [out, in]. MACs = outputs x weights per output.
                Tensor weight = layer.get_parameter("weight")!;
                long perOutput = weight.shape.Skip(1).Aggregate(1L, (a, b) => a * b);
                var remover = layer.register_forward_hook((_, _, output) =>
                {
                    macs += output.numel() * perOutput;
                    return output;
                });
                removers.Add(remover.remove);
            }
        }
        try
        {
            bool training = model.training;
            model.eval();
            using (no_grad())
            using (NewDisposeScope())
            {
                model.forward(zeros(new long[] { 1 }.Concat(input).ToArray()));
            }
            model.train(training);
        }
        finally
        {
            foreach (Action remove in removers)
            {
                remove();
            }
        }
        return macs;
    }

    /// <summary>The number of trainable and frozen parameters (buffers such as BatchNorm statistics excluded).</summary>
    public static long Parameters(nn.Module model) => model.parameters().Sum(p => p.numel());
}
