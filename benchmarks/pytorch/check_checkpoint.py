"""Loads an `mbc` checkpoint into the PyTorch twin (strict) and prints its Fashion-MNIST test top-1.

    /usr/bin/python3 benchmarks/pytorch/check_checkpoint.py [samples/models/edge_nano_fashion_mnist.pth]

The top-1 must equal what `./mbc test --checkpoint <same file>` prints; the loss matches its JSON `loss`
to float rounding.
"""

import argparse
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fashion_mnist  # noqa: E402
from microsign_edge import from_checkpoint  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint", nargs="?",
                        default=os.path.join(fashion_mnist.REPO, "samples", "models", "edge_nano_fashion_mnist.pth"))
    parser.add_argument("--batch-size", type=int, default=128)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--limit", type=int, default=0, help="evaluate the first N test images only (as mbc test --limit)")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    model, metadata = from_checkpoint(args.checkpoint)  # load_state_dict(strict=True) inside
    model.eval()
    print(f"loaded {args.checkpoint}: arch {metadata['arch']}, {len(model.state_dict())} state-dict entries, "
          f"strict=True, torch {torch.__version__}")

    entry = fashion_mnist.dataset_entry()
    images, labels = fashion_mnist.load_split(entry, "test", args.limit)
    size = metadata["input_shape"][1]
    inputs = fashion_mnist.evaluation_tensor(images, entry, size)
    targets = torch.from_numpy(labels)
    correct, loss_sum = 0, 0.0
    with torch.no_grad():
        for start in range(0, len(targets), args.batch_size):
            logits = model(inputs[start:start + args.batch_size])
            batch_targets = targets[start:start + args.batch_size]
            correct += (logits.argmax(1) == batch_targets).sum().item()
            loss_sum += torch.nn.functional.cross_entropy(logits, batch_targets, reduction="sum").item()
    print(f"{metadata['arch']} on fashion-mnist test ({len(targets)} images): top-1 {100 * correct / len(targets):.2f}% "
          f"({correct} correct), loss {loss_sum / len(targets):.6f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
