namespace MicroBackbone.Compiler.Training;

/// <summary>The optimizers the trainer offers.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with (optional) momentum and L2 weight decay.</summary>
    Sgd,

    /// <summary>Adam with decoupled weight decay.</summary>
    AdamW,
}
