"""Checks `mbc export` of a TorchVision arch against PyTorch's own torchvision (Debian's python3-torchvision).

Usage: /usr/bin/python3 benchmarks/pytorch/check_torchvision_export.py ARCH EXPORT_DIR [INPUT_SIZE] [CLASSES]

Loads EXPORT_DIR/model.pth into torchvision.models.ARCH (strict: every key and shape must match), opens
EXPORT_DIR/model.torchscript.pt with torch.jit.load, runs both on seeded random 1x3xSxS inputs and prints the largest
logit difference. Nothing is downloaded. Exits 1 when the difference exceeds 1e-4 x max(1, |logit|).
"""
import sys

import torch
import torchvision


def main() -> int:
    arch, folder = sys.argv[1], sys.argv[2]
    size = int(sys.argv[3]) if len(sys.argv) > 3 else 32
    checkpoint = torch.load(f"{folder}/model.pth", map_location="cpu")
    state = checkpoint["state_dict"] if "state_dict" in checkpoint else checkpoint
    classes = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    model = getattr(torchvision.models, arch)(num_classes=classes)
    model.load_state_dict(state, strict=True)
    model.eval()
    scripted = torch.jit.load(f"{folder}/model.torchscript.pt")
    scripted.eval()
    torch.manual_seed(0)
    worst = 0.0
    ok = True
    for _ in range(3):
        x = torch.randn(1, 3, size, size)
        with torch.no_grad():
            expected, actual = model(x), scripted(x)
        difference = (expected - actual).abs().max().item()
        worst = max(worst, difference)
        ok &= difference <= 1e-4 * max(1.0, expected.abs().max().item())
    print(f"{arch}: max |torchvision - torchscript| = {worst:.3g}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
