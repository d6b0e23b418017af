"""Fashion-MNIST for the PyTorch twin, preprocessed exactly as `mbc` does (Data/Augmentation.cs).

Evaluation: the 28x28 uint8 image sits centred in a 32x32 canvas of zero pixels, then every pixel becomes
(v / 255 - mean) / std (computed in double, stored as float32) -- so the border is the normalised value of a black
pixel, not 0.0. Training adds a random shift of up to `crop_padding` pixels each way (exposing more black pixels)
and a horizontal flip of half the images. Mean, std, crop padding and the flip come from datasets.yaml.
"""

import gzip
import os
import struct
from dataclasses import dataclass
from typing import List

import numpy as np
import torch

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATASETS_YAML = os.path.join(REPO, "compiler", "MicroBackbone.Compiler", "config", "datasets.yaml")


@dataclass(frozen=True)
class DatasetEntry:
    """The fields of one datasets.yaml entry the twin needs."""

    root: str
    train_images: str
    train_labels: str
    test_images: str
    test_labels: str
    mean: List[float]
    std: List[float]
    batch_size: int
    crop_padding: int
    horizontal_flip: bool


def dataset_entry(name: str = "fashion-mnist", path: str = DATASETS_YAML) -> DatasetEntry:
    import yaml

    with open(path, encoding="utf-8") as f:
        config = yaml.safe_load(f)
    for d in config["datasets"]:
        if d["name"] == name:
            aug = d.get("augmentation") or {}
            return DatasetEntry(d["root"], d["train"]["images"], d["train"]["labels"], d["test"]["images"],
                                d["test"]["labels"], list(d["mean"]), list(d["std"]), d["batch_size"],
                                aug.get("crop_padding", 0), aug.get("horizontal_flip", False))
    raise ValueError(f"{path}: no dataset named '{name}'")


def _open(path: str):
    return gzip.open(path, "rb") if path.endswith(".gz") else open(path, "rb")


def read_idx(path: str) -> np.ndarray:
    """Reads an IDX file (optionally gzipped) of unsigned bytes into an array of its declared shape."""
    with _open(path) as f:
        data = f.read()
    zero, dtype, dims = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_split(entry: DatasetEntry, split: str, limit: int = 0):
    """(images uint8 [N, 28, 28], labels int64 [N]) of the train or test split; `limit` keeps the first N."""
    images_file, labels_file = ((entry.train_images, entry.train_labels) if split == "train"
                                else (entry.test_images, entry.test_labels))
    images = read_idx(os.path.join(entry.root, images_file))
    labels = read_idx(os.path.join(entry.root, labels_file)).astype(np.int64)
    if limit:
        images, labels = images[:limit], labels[:limit]
    return images, labels


def normalisation_table(entry: DatasetEntry) -> torch.Tensor:
    """float32 value of each byte 0..255 after normalisation, computed in double like the C# lookup table."""
    v = np.arange(256, dtype=np.float64)
    return torch.from_numpy(((v / 255.0 - entry.mean[0]) / entry.std[0]).astype(np.float32))


def pad_to(images: np.ndarray, size: int, border: int = 0) -> np.ndarray:
    """Centres uint8 images [N, h, w] in a [N, size + 2*border, size + 2*border] canvas of zero pixels."""
    n, h, w = images.shape
    canvas = np.zeros((n, size + 2 * border, size + 2 * border), dtype=np.uint8)
    top, left = border + (size - h) // 2, border + (size - w) // 2
    canvas[:, top:top + h, left:left + w] = images
    return canvas


def evaluation_tensor(images: np.ndarray, entry: DatasetEntry, size: int = 32) -> torch.Tensor:
    """Model-ready float32 [N, 1, size, size] without random transforms."""
    table = normalisation_table(entry)
    return table[torch.from_numpy(pad_to(images, size)).long()].unsqueeze(1)


class TrainingAugmenter:
    """Random crop (shift with black fill) + horizontal flip on uint8 batches, then normalisation; vectorised."""

    def __init__(self, entry: DatasetEntry, size: int, generator: torch.Generator):
        self.table = normalisation_table(entry)
        self.size = size
        self.pad = entry.crop_padding
        self.flip = entry.horizontal_flip
        self.generator = generator
        p = self.pad
        # Index grids into the padded canvas: output pixel (y, x) reads canvas[y + p + dy, x' + p + dx].
        self.rows = torch.arange(size).view(1, size, 1)
        self.cols = torch.arange(size).view(1, 1, size)

    def __call__(self, canvas: torch.Tensor) -> torch.Tensor:
        """`canvas`: uint8 [B, size + 2p, size + 2p] (images padded by pad_to with border p)."""
        b, p, s = canvas.shape[0], self.pad, self.size
        dy = torch.randint(-p, p + 1, (b, 1, 1), generator=self.generator)
        dx = torch.randint(-p, p + 1, (b, 1, 1), generator=self.generator)
        cols = self.cols.expand(b, 1, s)
        if self.flip:
            flip = torch.randint(0, 2, (b, 1, 1), generator=self.generator).bool()
            cols = torch.where(flip, s - 1 - cols, cols)
        r = (self.rows + dy + p).expand(b, s, s)
        c = (cols + dx + p).expand(b, s, s)
        flat = canvas.reshape(b, -1).long()
        picked = flat.gather(1, (r * (s + 2 * p) + c).reshape(b, -1)).view(b, s, s)
        return self.table[picked].unsqueeze(1)
