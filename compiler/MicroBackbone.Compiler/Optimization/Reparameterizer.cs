using MicroBackbone.Compiler.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Optimization;

/// <summary>
/// Turns a trained <see cref="MicroSignEdge"/> into its <see cref="DeployMicroSignEdge"/>: every BatchNorm is folded
/// into the conv before it (<see cref="BatchNormFolding"/>), and in each block the depthwise branch and the BN-only
/// identity branch become one depthwise 3x3 with bias. The identity branch is the depthwise conv whose kernel is 1 at
/// the centre tap and 0 elsewhere (with padding 1 and stride 1 it returns its input), so after folding its BN it is a
/// kernel and a bias that add to the depthwise branch's. The result computes the same function as the source model in
/// eval mode, up to float32 rounding.
/// </summary>
public static class Reparameterizer
{
    /// <summary>The deploy form of <paramref name="model"/>, in eval mode; the source model is not changed.</summary>
    public static DeployMicroSignEdge Reparameterize(MicroSignEdge model)
    {
        var deploy = new DeployMicroSignEdge(model.Architecture);
        using (no_grad())
        using (NewDisposeScope())
        {
            CopyFolded(deploy.Stem, model.Stem);
            for (int s = 0; s < model.Stages.Count; s++)
            {
                for (int b = 0; b < model.Stages[s].Blocks.Count; b++)
                {
                    CopyBlock(deploy.Stages[s].Blocks[b], model.Stages[s].Blocks[b]);
                }
            }
            CopyFolded(deploy.Head, model.Head);
            Copy(deploy.Classifier.weight!, model.Classifier.weight!);
            Copy(deploy.Classifier.bias!, model.Classifier.bias!);
        }
        deploy.eval();
        return deploy;
    }

    /// <summary>
    /// The merged depthwise kernel <c>[C, 1, 3, 3]</c> and bias <c>[C]</c> of a block's depthwise branch plus its
    /// identity branch (absent for stride 2).
    /// </summary>
    public static (Tensor Weight, Tensor Bias) MergeDepthwise(RsdBlock block)
    {
        (Tensor weight, Tensor bias) = BatchNormFolding.Fold(block.Depthwise.weight!, null, block.DepthwiseBn);
        if (block.IdentityBn is not BatchNorm2d identityBn)
        {
            return (weight, bias);
        }
        using var scope = NewDisposeScope();
        Tensor centre = zeros_like(weight);
        centre[.., 0, 1, 1] = ones(weight.shape[0]);
        (Tensor idWeight, Tensor idBias) = BatchNormFolding.Fold(centre, null, identityBn);
        Tensor mergedWeight = (weight + idWeight).MoveToOuterDisposeScope();
        Tensor mergedBias = (bias + idBias).MoveToOuterDisposeScope();
        weight.Dispose();
        bias.Dispose();
        return (mergedWeight, mergedBias);
    }

    private static void CopyBlock(DeployRsdBlock target, RsdBlock source)
    {
        if (source.Expand is ConvBn expand)
        {
            CopyFolded(target.Expand!, expand);
        }
        (Tensor dwWeight, Tensor dwBias) = MergeDepthwise(source);
        Copy(target.Depthwise.weight!, dwWeight);
        Copy(target.Depthwise.bias!, dwBias);
        Copy(target.SqueezeExcite.Reduce.weight!, source.SqueezeExcite.Reduce.weight!);
        Copy(target.SqueezeExcite.Reduce.bias!, source.SqueezeExcite.Reduce.bias!);
        Copy(target.SqueezeExcite.Expand.weight!, source.SqueezeExcite.Expand.weight!);
        Copy(target.SqueezeExcite.Expand.bias!, source.SqueezeExcite.Expand.bias!);
        CopyFolded(target.Project, source.Project);
    }

    private static void CopyFolded(Conv2d target, ConvBn source)
    {
        (Tensor weight, Tensor bias) = BatchNormFolding.Fold(source.Conv.weight!, source.Conv.bias, source.Bn);
        Copy(target.weight!, weight);
        Copy(target.bias!, bias);
    }

    private static void Copy(Tensor target, Tensor source)
    {
        if (!target.shape.SequenceEqual(source.shape))
        {
            throw new ArgumentException(
                $"reparameterize: shape [{string.Join(", ", source.shape)}] does not fit [{string.Join(", ", target.shape)}]");
        }
        target.copy_(source);
    }
}
