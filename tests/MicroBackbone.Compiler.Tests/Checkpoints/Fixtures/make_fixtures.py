"""Writes the PyTorch-side checkpoint fixtures the Checkpoints tests read.

Run with a Python that has torch (e.g. Debian's python3-torch): `/usr/bin/python3 make_fixtures.py`.
Values are fixed functions of the element index (no RNG), so rerunning gives the same tensors.

Model (same as TinyNet in the C# tests): conv 3->4 (3x3, padding 1) -> bn(4) -> relu -> global avg pool
-> linear 4->3.
"""
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


class TinyNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3, padding=1)
        self.bn = nn.BatchNorm2d(4)
        self.fc = nn.Linear(4, 3)

    def forward(self, x):
        x = torch.relu(self.bn(self.conv(x)))
        x = x.mean(dim=(2, 3))
        return self.fc(x)


def pattern(shape, scale, phase):
    """Deterministic, non-trivial values: scale * sin(index * 0.7 + phase)."""
    n = 1
    for s in shape:
        n *= s
    return (torch.sin(torch.arange(n, dtype=torch.float32) * 0.7 + phase) * scale).reshape(shape)


def build():
    model = TinyNet()
    with torch.no_grad():
        for i, (name, tensor) in enumerate(model.state_dict().items()):
            if name.endswith("num_batches_tracked"):
                tensor.fill_(7)
            elif name.endswith("running_var"):
                tensor.copy_(pattern(tensor.shape, 0.3, i).abs() + 0.5)
            else:
                tensor.copy_(pattern(tensor.shape, 0.5, i))
    return model.eval()


def main():
    model = build()
    state = model.state_dict()
    torch.save(state, os.path.join(HERE, "plain_state_dict.pth"))
    torch.save(
        {
            "model_state_dict": state,
            "epoch": 12,
            "best_acc": 0.875,
            "arch": "tiny_net",
            "optimizer_state_dict": {"state": {}, "param_groups": [{"lr": 0.1, "params": [0, 1, 2]}]},
        },
        os.path.join(HERE, "nested_checkpoint.pth"),
    )
    x = pattern((2, 3, 5, 5), 1.0, 0.25)
    with torch.no_grad():
        y = model(x)
    torch.save({"input": x, "output": y}, os.path.join(HERE, "reference_io.pth"))
    # Two tensors sharing one storage, one at a non-zero offset: a layout the reader refuses (see CHECKPOINTS.md).
    base = torch.arange(10, dtype=torch.float32)
    torch.save({"tail": base[2:5], "all": base}, os.path.join(HERE, "shared_storage_views.pth"))
    print("wrote fixtures with torch", torch.__version__, "output", y.tolist())


if __name__ == "__main__":
    main()
