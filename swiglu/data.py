"""Toy 2-D datasets for the live training lab, after TensorFlow Playground's `src/dataset.ts`.

Four binary classification sets (labels 0/1) and two regression sets, all in the square [-6, 6]²
(EXTENT), so the page can draw every decision boundary on the same axes. `noise` follows the
playground's slider: 0 … 0.5 (its 0 … 50 %). Points stay in data coordinates; the model rescales
its input (see train.py), so what the student sees on the axes is exactly what the model is fed.

Everything is deterministic by `seed`: each call draws from its own numpy `default_rng(seed)`, never
from a global RNG, so a shared link (seed in the URL) reproduces the same points on any machine.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import torch
from torch import Tensor

EXTENT = 6.0  # half-width of the plotting square; the playground's heatmap spans [-6, 6]

Arrays = tuple[np.ndarray, np.ndarray]  # (n, 2) inputs, (n,) labels or targets


def _circle(n: int, noise: float, rng: np.random.Generator) -> Arrays:
    """Label 1 inside radius 2.5, 0 on the ring 3.5..5; the label is read at a noise-shifted
    point, so noise flips labels near the gap instead of moving the points (as the playground)."""
    radius = 5.0
    n_in = n // 2
    r = np.concatenate([rng.uniform(0, 0.5 * radius, n_in), rng.uniform(0.7 * radius, radius, n - n_in)])
    angle = rng.uniform(0, 2 * np.pi, n)
    x = np.stack([r * np.sin(angle), r * np.cos(angle)], axis=1)  # (n, 2)
    shifted = x + rng.uniform(-radius, radius, (n, 2)) * noise
    y = (np.linalg.norm(shifted, axis=1) < 0.5 * radius).astype(np.float64)
    return x, y


def _xor(n: int, noise: float, rng: np.random.Generator) -> Arrays:
    """Label 1 in quadrants I and III; a 0.3 padding keeps points off the axes at zero noise."""
    x = rng.uniform(-5, 5, (n, 2))
    x += np.where(x > 0, 0.3, -0.3)
    shifted = x + rng.uniform(-5, 5, (n, 2)) * noise
    y = (shifted[:, 0] * shifted[:, 1] >= 0).astype(np.float64)
    return x, y


def _gauss(n: int, noise: float, rng: np.random.Generator) -> Arrays:
    """Two Gaussian blobs at (2, 2) (label 1) and (-2, -2) (label 0); noise 0 … 0.5 maps the
    variance linearly to 0.5 … 4, so the blobs overlap more as noise grows."""
    variance = 0.5 + (4.0 - 0.5) * min(max(noise, 0.0), 0.5) / 0.5
    n_pos = n // 2
    centres = np.concatenate([np.full((n_pos, 2), 2.0), np.full((n - n_pos, 2), -2.0)])  # (n, 2)
    x = centres + rng.normal(0.0, np.sqrt(variance), (n, 2))
    y = np.concatenate([np.ones(n_pos), np.zeros(n - n_pos)])
    return x, y


def _spiral(n: int, noise: float, rng: np.random.Generator) -> Arrays:
    """Two interleaved arms, 1.75 turns each, radius 0 → 5; noise jitters the points."""
    xs, ys = [], []
    for label, (count, delta) in enumerate([(n - n // 2, np.pi), (n // 2, 0.0)]):
        i = np.arange(count) / max(count, 1)
        r = 5 * i
        t = 1.75 * i * 2 * np.pi + delta
        pts = np.stack([r * np.sin(t), r * np.cos(t)], axis=1) + rng.uniform(-1, 1, (count, 2)) * noise
        xs.append(pts)
        ys.append(np.full(count, float(label)))
    return np.concatenate(xs), np.concatenate(ys)


def _plane(n: int, noise: float, rng: np.random.Generator) -> Arrays:
    """Regression: target (x1 + x2) / 10 read at a noise-shifted point, about -1.2 … 1.2."""
    x = rng.uniform(-EXTENT, EXTENT, (n, 2))
    shifted = x + rng.uniform(-EXTENT, EXTENT, (n, 2)) * noise
    return x, (shifted[:, 0] + shifted[:, 1]) / 10


def _sine(n: int, noise: float, rng: np.random.Generator) -> Arrays:
    """Regression with curvature (a plane is linear; this one needs the nonlinearity):
    target sin(x1/2)·cos(x2/3) plus Gaussian noise of std `noise`, in about -1 … 1."""
    x = rng.uniform(-EXTENT, EXTENT, (n, 2))
    y = np.sin(x[:, 0] / 2) * np.cos(x[:, 1] / 3) + rng.normal(0.0, 1.0, n) * noise
    return x, y


@dataclass(frozen=True)
class DatasetSpec:
    key: str
    kind: str  # "classification" | "regression"
    generate: Callable[[int, float, np.random.Generator], Arrays]


DATASETS: dict[str, DatasetSpec] = {
    s.key: s
    for s in (
        DatasetSpec("circle", "classification", _circle),
        DatasetSpec("xor", "classification", _xor),
        DatasetSpec("gauss", "classification", _gauss),
        DatasetSpec("spiral", "classification", _spiral),
        DatasetSpec("plane", "regression", _plane),
        DatasetSpec("sine", "regression", _sine),
    )
}
CLASSIFICATION = tuple(k for k, s in DATASETS.items() if s.kind == "classification")
REGRESSION = tuple(k for k, s in DATASETS.items() if s.kind == "regression")


@dataclass(frozen=True, eq=False)
class Dataset:
    """A split dataset; float32 tensors, x (N, 2) in data coordinates, y (N,) labels 0/1 or targets."""

    name: str
    kind: str  # "classification" | "regression"
    x_train: Tensor  # (N_train, 2)
    y_train: Tensor  # (N_train,)
    x_test: Tensor  # (N_test, 2)
    y_test: Tensor  # (N_test,)
    extent: float = EXTENT

    @property
    def n_train(self) -> int:
        return len(self.y_train)

    @property
    def n_test(self) -> int:
        return len(self.y_test)


def make(name: str, n: int = 500, noise: float = 0.0, seed: int = 0, train_ratio: float = 0.5) -> Dataset:
    """Generate `n` points of dataset `name` and split them: round(train_ratio·n) for training
    (at least 1 of each side when n ≥ 2), a seeded random permutation decides which.

    Defaults are the playground's: 500 points, no noise, half of them for training."""
    if name not in DATASETS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {tuple(DATASETS)}")
    if n < 2:
        raise ValueError(f"need at least 2 points, got n={n}")
    if not 0.0 < train_ratio < 1.0:
        raise ValueError(f"train_ratio must be in (0, 1), got {train_ratio}")
    spec = DATASETS[name]
    rng = np.random.default_rng(seed)
    x, y = spec.generate(n, float(noise), rng)
    order = rng.permutation(n)  # also shuffles away the class-ordered generation
    n_train = min(max(round(train_ratio * n), 1), n - 1)
    tr, te = order[:n_train], order[n_train:]

    def t(a: np.ndarray) -> Tensor:
        return torch.as_tensor(a, dtype=torch.float32)

    return Dataset(name, spec.kind, t(x[tr]), t(y[tr]), t(x[te]), t(y[te]))
