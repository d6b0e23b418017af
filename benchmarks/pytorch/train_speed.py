"""Training throughput of the PyTorch twin of edge_nano on Fashion-MNIST, set up like `mbc train`.

    /usr/bin/python3 benchmarks/pytorch/train_speed.py --limit-train 4096 [--epochs 1] [--warmup-batches 3]

Same work per step as mbc's Trainer: batch 128 of 1x32x32 inputs (centred 28->32 padding, random shift by up to
2 pixels with black fill, random horizontal flip, normalisation), forward, cross-entropy with label smoothing 0.1,
backward, SGD (momentum 0.9, weight decay 5e-4) with the per-step warm-up + cosine learning rate, and the running
loss/accuracy read back every step. One intra-op thread (torch.set_num_threads(1)), like `mbc train --threads 1`.

Prints three rates per epoch:
  epoch   images / wall time of the whole training epoch, data preparation included: what mbc writes to
          metrics.csv as images_per_sec (it also times its whole epoch, first batch included);
  steady  images / wall time of the batches after the first --warmup-batches, full batches only;
  cpu     images / CPU time (all threads of the process) of the whole epoch: on a busy machine this moves much
          less than the wall-clock rates, which mostly measure the share of a core the process got.
The last line is machine-readable: `RESULT epoch=<best> steady=<best> cpu=<best>` (best over the epochs).
"""

import argparse
import math
import os
import sys
import time

import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fashion_mnist  # noqa: E402
from microsign_edge import EdgeArchitecture, MicroSignEdge  # noqa: E402

MODEL_YAML = os.path.join(fashion_mnist.REPO, "compiler", "MicroBackbone.Compiler", "config", "model.yaml")


def learning_rate(step: int, peak: float, warmup_steps: int, total_steps: int) -> float:
    """Linear warm-up to the peak, then a half cosine to 0 at the last step (LearningRateSchedule.cs)."""
    if step < warmup_steps:
        return peak * (step + 1) / warmup_steps
    decay = total_steps - warmup_steps
    if decay <= 1:
        return peak
    progress = min(1.0, (step - warmup_steps) / (decay - 1))
    return peak * 0.5 * (1 + math.cos(math.pi * progress))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--arch", default="edge_nano")
    parser.add_argument("--limit-train", type=int, default=4096, help="train on the first N images")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=0, help="default: the dataset's (128)")
    parser.add_argument("--warmup-batches", type=int, default=3, help="batches left out of the steady rate")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--lr", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    entry = fashion_mnist.dataset_entry()
    batch_size = args.batch_size or entry.batch_size
    arch = EdgeArchitecture.from_config_file(MODEL_YAML, args.arch)
    model = MicroSignEdge(arch)
    optimizer = torch.optim.SGD(model.parameters(), lr=args.lr, momentum=0.9, weight_decay=5e-4)

    images, labels = fashion_mnist.load_split(entry, "train", args.limit_train)
    # Pad once to the input size plus the crop margin; the per-batch work is the random shift, flip and normalisation.
    canvas = torch.from_numpy(fashion_mnist.pad_to(images, arch.input_size, entry.crop_padding))
    targets = torch.from_numpy(labels)
    generator = torch.Generator().manual_seed(args.seed)
    augment = fashion_mnist.TrainingAugmenter(entry, arch.input_size, generator)
    count = len(targets)
    steps_per_epoch = (count + batch_size - 1) // batch_size
    total_steps = args.epochs * steps_per_epoch
    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} thread(s); {args.arch} "
          f"({sum(p.numel() for p in model.parameters())} parameters), {count} images, batch {batch_size}, "
          f"{steps_per_epoch} steps/epoch")

    best_epoch_rate, best_steady_rate, best_cpu_rate = 0.0, 0.0, 0.0
    for epoch in range(args.epochs):
        model.train()
        epoch_start, epoch_cpu_start = time.perf_counter(), time.process_time()
        steady_start, steady_end, steady_images = None, None, 0
        order = torch.randperm(count, generator=generator)
        loss_sum, correct = 0.0, 0
        for step in range(steps_per_epoch):
            if step == args.warmup_batches:
                steady_start = time.perf_counter()
            index = order[step * batch_size:(step + 1) * batch_size]
            inputs = augment(canvas[index])
            batch_targets = targets[index]
            rate = learning_rate(epoch * steps_per_epoch + step, args.lr, steps_per_epoch, total_steps)
            for group in optimizer.param_groups:
                group["lr"] = rate
            optimizer.zero_grad()
            logits = model(inputs)
            loss = F.cross_entropy(logits, batch_targets, label_smoothing=0.1)
            loss.backward()
            optimizer.step()
            # Reading the loss and accuracy back every step, as mbc does for its progress line.
            loss_sum += loss.item() * len(index)
            correct += (logits.argmax(1) == batch_targets).sum().item()
            if steady_start is not None and len(index) == batch_size:
                steady_images += len(index)
                steady_end = time.perf_counter()
        end, cpu = time.perf_counter(), time.process_time() - epoch_cpu_start
        epoch_rate = count / (end - epoch_start)
        cpu_rate = count / cpu
        # A partial last batch counts in the epoch rate only.
        steady_rate = steady_images / (steady_end - steady_start) if steady_images else 0.0
        best_epoch_rate = max(best_epoch_rate, epoch_rate)
        best_steady_rate = max(best_steady_rate, steady_rate)
        best_cpu_rate = max(best_cpu_rate, cpu_rate)
        print(f"epoch {epoch + 1}: loss {loss_sum / count:.4f}, train acc {correct / count:.4f}, "
              f"{epoch_rate:.1f} images/s (epoch), {steady_rate:.1f} images/s (steady, after "
              f"{args.warmup_batches} batches), {cpu_rate:.1f} images per CPU-second, {end - epoch_start:.2f} s")
    print(f"RESULT epoch={best_epoch_rate:.1f} steady={best_steady_rate:.1f} cpu={best_cpu_rate:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
