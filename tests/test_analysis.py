"""Numbers the pages print, re-checked against ../shared/facts.md and brute force."""

import math

import torch

from swiglu.activations import swish, swish_derivative
from swiglu.analysis import gelu_minimum, silu_derivative_extrema, swish_limit_gaps, swish_minimum


def test_silu_minimum_matches_facts_and_lambert_w():
    x_star, f_star = swish_minimum(1.0)
    assert abs(x_star - (-1.278464542761074)) < 1e-13
    assert abs(f_star - (-0.278464542761074)) < 1e-13
    assert abs(f_star - (x_star + 1)) < 1e-13  # f(x*) = x* + 1
    w = 0.2784645427610738  # W(1/e): w·e^w = 1/e
    assert abs(w * math.exp(w) - math.exp(-1)) < 1e-15 and abs(f_star + w) < 1e-13


def test_swish_minimum_scales_with_beta_and_beats_a_dense_grid():
    for beta in (0.25, 0.7, 1.0, 2.5, 9.0):
        x_star, f_star = swish_minimum(beta)
        x = torch.linspace(x_star - 1, x_star + 1, 200001, dtype=torch.float64)
        assert f_star <= swish(x, beta).min().item() + 1e-15
        assert abs(swish_derivative(torch.tensor(x_star, dtype=torch.float64), beta).item()) < 1e-12
    assert swish_minimum(0.0) is None


def test_silu_derivative_extrema():
    (x_max, d_max), (x_min, d_min) = silu_derivative_extrema()
    assert abs(x_max - 2.39936) < 1e-5 and abs(d_max - 1.09984) < 1e-5
    assert abs(x_min + 2.39936) < 1e-5 and abs(d_min + 0.09984) < 1e-5
    assert abs(d_max + d_min - 1) < 1e-12  # f'(x) + f'(-x) = 1
    x = torch.linspace(-10, 10, 400001, dtype=torch.float64)
    d = swish_derivative(x, 1.0)
    assert abs(d.max().item() - d_max) < 1e-9 and abs(d.min().item() - d_min) < 1e-9


def test_gelu_minimum():
    x_star, f_star = gelu_minimum()
    assert abs(x_star + 0.7518) < 1e-4 and abs(f_star + 0.16997) < 1e-5


def test_limit_gaps():
    half, relu = swish_limit_gaps(0.0, 6.0)
    assert half == 0.0 and abs(relu - 3.0) < 1e-12
    half, relu = swish_limit_gaps(1000.0, 6.0)
    assert relu < 4e-4 and abs(half - 3.0) < 1e-3
