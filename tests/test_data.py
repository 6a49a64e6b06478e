"""Toy datasets (swiglu/data.py): shapes, labels, determinism by seed, the split, noise."""

import numpy as np
import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from swiglu import data
from swiglu.data import CLASSIFICATION, DATASETS, EXTENT, REGRESSION, make

torch.set_num_threads(1)


def test_registry_keys_are_stable():
    assert CLASSIFICATION == ("circle", "xor", "gauss", "spiral")
    assert REGRESSION == ("plane", "sine")
    assert set(DATASETS) == set(CLASSIFICATION) | set(REGRESSION)


@pytest.mark.parametrize("name", list(DATASETS))
def test_shapes_dtypes_kind(name):
    d = make(name, n=200, noise=0.1, seed=3, train_ratio=0.7)
    assert d.name == name and d.kind == DATASETS[name].kind
    assert d.x_train.shape == (140, 2) and d.y_train.shape == (140,)
    assert d.x_test.shape == (60, 2) and d.y_test.shape == (60,)
    assert d.n_train == 140 and d.n_test == 60
    for t in (d.x_train, d.y_train, d.x_test, d.y_test):
        assert t.dtype == torch.float32 and torch.isfinite(t).all()
    if d.kind == "classification":
        y = torch.cat([d.y_train, d.y_test])
        assert set(y.tolist()) <= {0.0, 1.0}
        assert 0.3 < y.mean().item() < 0.7  # both classes well represented


@pytest.mark.parametrize("name", ["circle", "xor", "spiral", "plane", "sine", "gauss"])
def test_points_in_the_plot_square_at_zero_noise(name):
    d = make(name, n=1000, noise=0.0, seed=0)
    x = torch.cat([d.x_train, d.x_test])
    assert x.abs().max().item() <= EXTENT


@pytest.mark.parametrize("name", list(DATASETS))
def test_deterministic_by_seed(name):
    a, b, c = make(name, 100, 0.2, seed=7), make(name, 100, 0.2, seed=7), make(name, 100, 0.2, seed=8)
    for attr in ("x_train", "y_train", "x_test", "y_test"):
        assert torch.equal(getattr(a, attr), getattr(b, attr))
    assert not torch.equal(a.x_train, c.x_train)


def test_global_rngs_untouched():
    torch_state, np_state = torch.random.get_rng_state(), np.random.get_state()
    make("spiral", 300, 0.3, seed=1)
    assert torch.equal(torch.random.get_rng_state(), torch_state)
    assert np.random.get_state()[1].tolist() == np_state[1].tolist()


def test_split_is_a_partition_of_the_same_points():
    # the ratio only moves the cut: the generated points are the same whatever the ratio
    def all_points(ratio):
        d = make("circle", 101, 0.1, seed=5, train_ratio=ratio)
        x = torch.cat([d.x_train, d.x_test]).numpy()
        return x[np.lexsort(x.T)]

    np.testing.assert_array_equal(all_points(0.2), all_points(0.8))
    d = make("circle", 101, 0.1, seed=5, train_ratio=0.5)
    train_rows = {tuple(r) for r in d.x_train.tolist()}
    assert not train_rows & {tuple(r) for r in d.x_test.tolist()}


@settings(max_examples=40, deadline=None)
@given(n=st.integers(2, 300), ratio=st.floats(0.01, 0.99), name=st.sampled_from(list(DATASETS)))
def test_split_sizes(n, ratio, name):
    d = make(name, n, 0.0, seed=0, train_ratio=ratio)
    assert d.n_train + d.n_test == n
    assert d.n_train >= 1 and d.n_test >= 1
    assert abs(d.n_train - ratio * n) <= 1


def test_circle_labels_follow_radius_without_noise_and_flip_with_it():
    d = make("circle", 1000, 0.0, seed=0)
    r = torch.cat([d.x_train, d.x_test]).norm(dim=1)
    y = torch.cat([d.y_train, d.y_test])
    assert torch.equal(y, (r < 2.5).float())
    d = make("circle", 1000, 0.5, seed=0)
    r, y = torch.cat([d.x_train, d.x_test]).norm(dim=1), torch.cat([d.y_train, d.y_test])
    assert (y != (r < 2.5).float()).any()


def test_xor_labels_and_padding():
    d = make("xor", 1000, 0.0, seed=0)
    x, y = torch.cat([d.x_train, d.x_test]), torch.cat([d.y_train, d.y_test])
    assert torch.equal(y, (x[:, 0] * x[:, 1] >= 0).float())
    assert x.abs().min().item() >= 0.3  # padding keeps points off the axes


def test_gauss_noise_widens_the_blobs():
    def spread(noise):
        d = make("gauss", 2000, noise, seed=0)
        x, y = torch.cat([d.x_train, d.x_test]), torch.cat([d.y_train, d.y_test])
        return (x[y == 1] - 2).std().item()

    assert spread(0.0) == pytest.approx(0.5**0.5, rel=0.1)
    assert spread(0.5) == pytest.approx(4**0.5, rel=0.1)


def test_spiral_arms_are_point_symmetric():
    # the two arms are the same curve rotated by π: at zero noise, label-1 points are minus label-0 points
    x, y = data._spiral(400, 0.0, np.random.default_rng(0))
    np.testing.assert_allclose(x[y == 1], -x[y == 0], atol=1e-12)


def test_regression_targets():
    d = make("plane", 500, 0.0, seed=0)
    torch.testing.assert_close(d.y_train, (d.x_train[:, 0] + d.x_train[:, 1]) / 10)
    d = make("sine", 500, 0.0, seed=0)
    torch.testing.assert_close(d.y_train, torch.sin(d.x_train[:, 0] / 2) * torch.cos(d.x_train[:, 1] / 3))


@pytest.mark.parametrize("kwargs", [dict(name="moons"), dict(name="circle", n=1), dict(name="circle", train_ratio=1.0)])
def test_bad_arguments_raise(kwargs):
    with pytest.raises(ValueError):
        make(**kwargs)
