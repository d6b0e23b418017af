using System.Diagnostics;
using MicroBackbone.Compiler.Data;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MicroBackbone.Compiler.Training;

/// <summary>
/// Trains any classifier (<c>nn.Module&lt;Tensor, Tensor&gt;</c> returning logits [N, classes]) with cross-entropy on
/// CPU: per-step warm-up + cosine learning rate, validation after every epoch, hooks for progress and checkpoints,
/// cancellation between batches and resume from a completed epoch. With the same seed, options and thread count a run
/// is repeatable: call <see cref="Seed"/> before building the model so its initial weights are fixed too.
/// </summary>
public sealed class Trainer
{
    /// <summary>Creates a trainer; the options are validated here.</summary>
    public Trainer(TrainingOptions options)
    {
        options.Validate();
        Options = options;
    }

    /// <summary>The run's hyper-parameters.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Seeds torch's generator and sets its CPU thread count (0 = one per processor; see <see cref="TrainingOptions.Threads"/>).</summary>
    public static void Seed(int seed, int threads = 1)
    {
        torch.set_num_threads(threads > 0 ? threads : Environment.ProcessorCount);
        torch.manual_seed(seed);
    }

    /// <summary>
    /// Trains <paramref name="model"/> for the remaining epochs. On cancellation it returns (does not throw) with
    /// <see cref="TrainingResult.Cancelled"/> set, so the caller can still save the last weights.
    /// </summary>
    public TrainingResult Train(
        nn.Module<Tensor, Tensor> model, BatchLoader train, BatchLoader validation, int numClasses, TrainingHooks? hooks = null,
        TrainingResume? resume = null, CancellationToken cancellation = default)
    {
        hooks ??= new TrainingHooks();
        var history = new List<EpochMetrics>(resume?.History ?? Array.Empty<EpochMetrics>());
        int firstEpoch = resume?.CompletedEpochs ?? 0;
        if (firstEpoch < 0 || firstEpoch > Options.Epochs)
        {
            throw new TrainingException($"--resume: {firstEpoch} completed epochs is outside 0..{Options.Epochs}");
        }
        double best = resume?.BestValidationAccuracy ?? -1;
        int bestEpoch = history.Count == 0 ? 0 : history.MaxBy(m => m.ValidationAccuracy)!.Epoch;
        torch.set_num_threads(Options.Threads > 0 ? Options.Threads : Environment.ProcessorCount);
        // Torch's generator only drives stochastic layers (dropout); the data order has its own per-epoch seeds.
        torch.manual_seed(Options.Seed + firstEpoch);

        var schedule = LearningRateSchedule.ForEpochs(Options.LearningRate, Options.WarmupEpochs, Options.Epochs, train.BatchesPerEpoch);
        using optim.Optimizer optimizer = CreateOptimizer(model);
        for (int epoch = firstEpoch; epoch < Options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            (double loss, double accuracy, double rate, bool cancelled) =
                TrainEpoch(model, train, optimizer, schedule, epoch, hooks, cancellation);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            if (cancelled)
            {
                return new TrainingResult(history, bestEpoch, Cancelled: true);
            }
            EvaluationResult validated;
            try
            {
                // Validation and the saved checkpoint use statistics of the weights as they are now.
                BatchNormRecalibration.Run(model, train.Epoch(epoch));
                validated = Evaluator.Evaluate(model, validation, numClasses, cancellation, (batch, batches, l, a) =>
                    hooks.Progress?.Invoke(new TrainingProgress(epoch + 1, Options.Epochs, TrainingPhase.Validate, batch, batches, l, a, rate)));
            }
            catch (OperationCanceledException)
            {
                return new TrainingResult(history, bestEpoch, Cancelled: true);
            }
            var metrics = new EpochMetrics(
                epoch + 1, loss, accuracy, validated.Loss, validated.Top1, rate, train.Count / Math.Max(trainSeconds, 1e-9),
                clock.Elapsed.TotalSeconds);
            history.Add(metrics);
            if (metrics.ValidationAccuracy > best)
            {
                best = metrics.ValidationAccuracy;
                bestEpoch = metrics.Epoch;
                hooks.NewBest?.Invoke(metrics);
            }
            hooks.EpochCompleted?.Invoke(metrics, history);
        }
        return new TrainingResult(history, bestEpoch, Cancelled: false);
    }

    private (double Loss, double Accuracy, double Rate, bool Cancelled) TrainEpoch(
        nn.Module<Tensor, Tensor> model, BatchLoader train, optim.Optimizer optimizer,
        LearningRateSchedule schedule, int epoch, TrainingHooks hooks, CancellationToken cancellation)
    {
        model.train();
        double lossSum = 0, rate = 0, rateSum = 0;
        long correct = 0, seen = 0;
        int batchIndex = 0;
        foreach (Batch batch in train.Epoch(epoch))
        {
            using (batch)
            using (NewDisposeScope())
            {
                if (cancellation.IsCancellationRequested)
                {
                    return (0, 0, rate, true);
                }
                rate = schedule.At((epoch * train.BatchesPerEpoch) + batchIndex);
                rateSum += rate;
                foreach (ParamGroup group in optimizer.ParamGroups)
                {
                    group.LearningRate = rate;
                }
                optimizer.zero_grad();
                Tensor logits = model.forward(batch.Images);
                Tensor loss = SmoothedCrossEntropy(logits, batch.Labels, Options.LabelSmoothing);
                loss.backward();
                optimizer.step();
                lossSum += loss.item<float>() * batch.Count;
                correct += logits.argmax(1).eq(batch.Labels).sum().item<long>();
                seen += batch.Count;
                batchIndex++;
                hooks.Progress?.Invoke(new TrainingProgress(
                    epoch + 1, Options.Epochs, TrainingPhase.Train, batchIndex, train.BatchesPerEpoch, lossSum / seen, (double)correct / seen, rate));
            }
        }
        return (lossSum / Math.Max(seen, 1), (double)correct / Math.Max(seen, 1), rateSum / Math.Max(batchIndex, 1), false);
    }

    /// <summary>
    /// Cross-entropy against targets that put 1 - smoothing on the label and spread smoothing evenly over all classes
    /// (the same definition as PyTorch's label_smoothing, which this TorchSharp version does not expose).
    /// </summary>
    internal static Tensor SmoothedCrossEntropy(Tensor logits, Tensor labels, double smoothing)
    {
        Tensor logProbabilities = nn.functional.log_softmax(logits, 1);
        Tensor nll = nn.functional.nll_loss(logProbabilities, labels);
        if (smoothing == 0)
        {
            return nll;
        }
        Tensor uniform = logProbabilities.mean(new long[] { 1 }).mean().neg();
        return nll.mul(1 - smoothing).add(uniform.mul(smoothing));
    }

    private optim.Optimizer CreateOptimizer(nn.Module<Tensor, Tensor> model) => Options.Optimizer switch
    {
        OptimizerKind.Sgd => optim.SGD(model.parameters(), Options.LearningRate, Options.Momentum, weight_decay: Options.WeightDecay),
        _ => optim.AdamW(model.parameters(), Options.LearningRate, weight_decay: Options.WeightDecay),
    };
}
