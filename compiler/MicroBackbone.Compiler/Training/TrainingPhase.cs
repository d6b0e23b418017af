namespace MicroBackbone.Compiler.Training;

/// <summary>Which part of an epoch a progress report is about.</summary>
public enum TrainingPhase
{
    /// <summary>Forward, backward and update over the training batches.</summary>
    Train,

    /// <summary>Evaluating the validation split.</summary>
    Validate,
}
