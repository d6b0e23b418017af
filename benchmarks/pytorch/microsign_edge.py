"""PyTorch twin of the MicroSign-Edge family (compiler/MicroBackbone.Compiler/Models/*.cs).

Same module tree, same forward computation and same state-dict keys as the TorchSharp modules, so a checkpoint
written by `mbc train` loads with `load_state_dict(..., strict=True)`:

    ckpt = torch.load("samples/models/edge_nano_fashion_mnist.pth", weights_only=True)
    model = MicroSignEdge(EdgeArchitecture.from_config_yaml(ckpt["metadata"]["config_yaml"], "edge_nano"))
    model.load_state_dict(ckpt["state_dict"])

Widths come from the model config YAML (config/model.yaml, also stored verbatim in every checkpoint's metadata).
Reading it needs PyYAML (Debian: python3-yaml, installed alongside python3-torch).
"""

from dataclasses import dataclass
from typing import List, Optional

import torch
import torch.nn as nn
import torch.nn.functional as F


@dataclass(frozen=True)
class EdgeStage:
    """One stage: `blocks` RSD blocks writing `channels`; the first has `stride`, 1x1 expansion by `expansion`."""

    channels: int
    blocks: int
    stride: int
    expansion: int


@dataclass(frozen=True)
class BlockShape:
    """Resolved channels, stride and spatial sizes of one RSD block (mirrors BlockShape.cs)."""

    stage: int
    block: int
    in_channels: int
    hidden_channels: int
    out_channels: int
    expansion: int
    stride: int
    in_size: int
    out_size: int
    se_channels: int

    @property
    def has_expansion(self) -> bool:
        return self.expansion > 1

    @property
    def has_identity_branch(self) -> bool:
        return self.stride == 1

    @property
    def has_residual(self) -> bool:
        return self.stride == 1 and self.in_channels == self.out_channels


def conv_output_size(size: int, stride: int) -> int:
    """Output size of a 3x3 conv with padding 1."""
    return (size - 1) // stride + 1


@dataclass(frozen=True)
class EdgeArchitecture:
    """A fully resolved MicroSign-Edge network (mirrors EdgeArchitecture.cs)."""

    name: str
    input_channels: int
    input_size: int
    num_classes: int
    stem_channels: int
    stem_stride: int
    head_channels: int
    se_groups: int
    se_reduction: int
    stages: List[EdgeStage]

    @property
    def final_channels(self) -> int:
        return self.stages[-1].channels

    def se_channels(self, hidden: int) -> int:
        return max(self.se_groups, hidden // self.se_reduction // self.se_groups * self.se_groups)

    def block_shapes(self) -> List[BlockShape]:
        shapes = []
        channels = self.stem_channels
        size = conv_output_size(self.input_size, self.stem_stride)
        for s, stage in enumerate(self.stages):
            for b in range(stage.blocks):
                stride = stage.stride if b == 0 else 1
                hidden = channels * stage.expansion if stage.expansion > 1 else channels
                out_size = conv_output_size(size, stride)
                shapes.append(BlockShape(s, b, channels, hidden, stage.channels, stage.expansion, stride, size,
                                         out_size, self.se_channels(hidden)))
                channels = stage.channels
                size = out_size
        return shapes

    @staticmethod
    def from_config_yaml(text: str, arch: Optional[str] = None, num_classes: Optional[int] = None,
                         input_size: Optional[int] = None, input_channels: Optional[int] = None) -> "EdgeArchitecture":
        """Resolves a variant of a model.yaml text; `arch` and the input/class overrides default to its `model:`."""
        import yaml  # only needed here: the model classes themselves do not depend on it

        config = yaml.safe_load(text)
        model = config["model"]
        name = arch or model["arch"]
        variants = config["variants"]
        if name not in variants:
            raise ValueError(f"unknown arch '{name}'; valid archs: {', '.join(sorted(variants))}")
        v = variants[name]
        return EdgeArchitecture(
            name=name,
            input_channels=input_channels or model["input_channels"],
            input_size=input_size or model["input_size"],
            num_classes=num_classes or model["num_classes"],
            stem_channels=v["stem_channels"],
            stem_stride=v["stem_stride"],
            head_channels=v["head_channels"],
            se_groups=v["se_groups"],
            se_reduction=v["se_reduction"],
            stages=[EdgeStage(s["channels"], s["blocks"], s["stride"], s["expansion"]) for s in v["stages"]],
        )

    @staticmethod
    def from_config_file(path: str, arch: Optional[str] = None, **overrides) -> "EdgeArchitecture":
        with open(path, encoding="utf-8") as f:
            return EdgeArchitecture.from_config_yaml(f.read(), arch, **overrides)


class ConvBn(nn.Module):
    """k x k conv without bias (padding k // 2), BatchNorm, optional ReLU. Keys: conv.weight, bn.*."""

    def __init__(self, in_channels: int, out_channels: int, kernel: int, stride: int, relu: bool):
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, kernel, stride=stride, padding=kernel // 2, bias=False)
        self.bn = nn.BatchNorm2d(out_channels)
        self.has_relu = relu

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.bn(self.conv(x))
        return F.relu(y) if self.has_relu else y


class GroupedSqueezeExcite(nn.Module):
    """Pool, grouped 1x1 reduce (bias), ReLU, grouped 1x1 expand (bias), hard-sigmoid gate, multiply."""

    def __init__(self, channels: int, squeeze_channels: int, groups: int):
        super().__init__()
        if groups < 1 or channels % groups != 0 or squeeze_channels % groups != 0:
            raise ValueError(f"squeeze-excite: {channels} and {squeeze_channels} channels must both divide into "
                             f"{groups} groups")
        self.reduce = nn.Conv2d(channels, squeeze_channels, 1, groups=groups, bias=True)
        self.expand = nn.Conv2d(squeeze_channels, channels, 1, groups=groups, bias=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pooled = F.adaptive_avg_pool2d(x, 1)
        gate = F.hardsigmoid(self.expand(F.relu(self.reduce(pooled))))
        return x * gate


def shift_offsets(channels: int):
    """Per-channel source offsets (dy, dx): out[c, y, x] = in[c, y + dy, x + dx], 0 outside the image."""
    g = channels // 8
    group_offsets = [(1, 0), (0, 1), (-1, 0), (0, -1)]
    return [group_offsets[c // g] if g > 0 and c < 4 * g else (0, 0) for c in range(channels)]


class ShiftMix(nn.Module):
    """Parameter-free shift of four channel groups of size channels // 8: up, left, down, right; the rest pass."""

    def __init__(self, channels: int):
        super().__init__()
        if channels <= 0:
            raise ValueError("ShiftMix needs at least one channel")
        self.channels = channels
        self.group_size = channels // 8

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        g = self.group_size
        if g == 0:
            return x
        h, w = x.shape[2], x.shape[3]
        # F.pad takes (left, right, top, bottom); the row/column that moved out is refilled with zeros.
        up = _move(x[:, 0:g], 2, 1, h - 1, (0, 0, 0, 1))
        left = _move(x[:, g:2 * g], 3, 1, w - 1, (0, 1, 0, 0))
        down = _move(x[:, 2 * g:3 * g], 2, 0, h - 1, (0, 0, 1, 0))
        right = _move(x[:, 3 * g:4 * g], 3, 0, w - 1, (1, 0, 0, 0))
        return torch.cat([up, left, down, right, x[:, 4 * g:]], 1)


def _move(group: torch.Tensor, dim: int, start: int, length: int, pad) -> torch.Tensor:
    if length == 0:
        return torch.zeros_like(group)
    return F.pad(group.narrow(dim, start, length), pad, mode="constant", value=0.0)


class RsdBlock(nn.Module):
    """Reparam Shift Depthwise block; keys expand.*, dw.weight, dw_bn.*, id_bn.*, se.*, project.* (as RsdBlock.cs)."""

    def __init__(self, shape: BlockShape, se_groups: int):
        super().__init__()
        self.shape = shape
        hidden = shape.hidden_channels
        # Assignment order matches the C# field order, so state_dict() lists keys in the same order too.
        self.expand = ConvBn(shape.in_channels, hidden, 1, 1, relu=True) if shape.has_expansion else None
        self.shift = ShiftMix(hidden)
        self.dw = nn.Conv2d(hidden, hidden, 3, stride=shape.stride, padding=1, groups=hidden, bias=False)
        self.dw_bn = nn.BatchNorm2d(hidden)
        self.id_bn = nn.BatchNorm2d(hidden) if shape.has_identity_branch else None
        self.se = GroupedSqueezeExcite(hidden, shape.se_channels, se_groups)
        self.project = ConvBn(hidden, shape.out_channels, 1, 1, relu=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        hidden = self.expand(x) if self.expand is not None else x
        shifted = self.shift(hidden)
        mixed = self.dw_bn(self.dw(shifted))
        if self.id_bn is not None:
            mixed = mixed + self.id_bn(shifted)
        projected = self.project(self.se(F.relu(mixed)))
        return projected + x if self.shape.has_residual else projected


class RsdStage(nn.Module):
    """The blocks of one stage, run in order (keys blocks.0.*, blocks.1.*, ...)."""

    def __init__(self, shapes: List[BlockShape], se_groups: int):
        super().__init__()
        self.blocks = nn.ModuleList([RsdBlock(shape, se_groups) for shape in shapes])

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for block in self.blocks:
            x = block(x)
        return x


class MicroSignEdge(nn.Module):
    """Stem -> stages -> head (1x1 ConvBn + ReLU) -> global average pool -> linear classifier."""

    def __init__(self, arch: EdgeArchitecture):
        super().__init__()
        self.arch = arch
        self.stem = ConvBn(arch.input_channels, arch.stem_channels, 3, arch.stem_stride, relu=True)
        shapes = arch.block_shapes()
        self.stages = nn.ModuleList([
            RsdStage([b for b in shapes if b.stage == s], arch.se_groups) for s in range(len(arch.stages))])
        self.head = ConvBn(arch.final_channels, arch.head_channels, 1, 1, relu=True)
        self.classifier = nn.Linear(arch.head_channels, arch.num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.stem(x)
        for stage in self.stages:
            x = stage(x)
        x = self.head(x)
        return self.classifier(F.adaptive_avg_pool2d(x, 1).flatten(1))


def from_checkpoint(path: str) -> "tuple[MicroSignEdge, dict]":
    """Builds the twin a MicroBackbone checkpoint describes and loads its weights strictly; returns (model, metadata)."""
    ckpt = torch.load(path, map_location="cpu", weights_only=True)
    metadata = ckpt["metadata"]
    channels, size, _ = metadata["input_shape"]
    arch = EdgeArchitecture.from_config_yaml(metadata["config_yaml"], metadata["arch"],
                                             num_classes=metadata["num_classes"], input_size=size,
                                             input_channels=channels)
    model = MicroSignEdge(arch)
    model.load_state_dict(ckpt["state_dict"], strict=True)
    return model, metadata
