"""Numbers the pages print about the activations, computed here rather than typed in.

Each solver is Newton's method in float64 on a closed-form derivative, started from a bracket that
the functions' shapes guarantee; results agree with ../shared/facts.md to ~1e-12 (tests check it).
"""

from __future__ import annotations

import math

import torch

from .activations import gelu, swish


def _sig(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


def _newton(g, dg, x0: float, lo: float, hi: float, iters: int = 60) -> float:
    """Newton's method kept inside [lo, hi] by bisection whenever a step leaves the bracket."""
    x = x0
    for _ in range(iters):
        gx = g(x)
        if gx == 0:
            return x
        if (g(lo) < 0) == (gx < 0):
            lo = x
        else:
            hi = x
        step = gx / dg(x) if dg(x) != 0 else math.inf
        nx = x - step
        if not lo < nx < hi:
            nx = 0.5 * (lo + hi)
        if abs(nx - x) <= 1e-16 * max(1.0, abs(x)):
            return nx
        x = nx
    return x


def silu_minimum_point() -> float:
    """x* < 0 with SiLU'(x*) = 0, i.e. 1 + x·σ(−x) = 0 (x* = −1 − W(1/e) ≈ −1.2784645)."""
    return _newton(
        lambda z: 1 + z * _sig(-z),
        lambda z: _sig(-z) * (1 - z * _sig(z)),
        x0=-1.0,
        lo=-3.0,
        hi=-0.5,
    )


def swish_minimum(beta: float) -> tuple[float, float] | None:
    """(x*, f(x*)) of Swish_β; None at β = 0 (the line x/2 has no minimum).

    Swish_β(x) = SiLU(βx)/β, so the minimum sits at x* = c/β with c the SiLU minimum point.
    """
    if beta <= 0:
        return None
    x_star = silu_minimum_point() / beta
    f_star = float(swish(torch.tensor(x_star, dtype=torch.float64), beta))
    return x_star, f_star


def silu_derivative_extrema() -> tuple[tuple[float, float], tuple[float, float]]:
    """((x_max, f′ max), (x_min, f′ min)) of SiLU′: roots of SiLU″ = σ′(x)(2 + x(1 − 2σ(x))).

    SiLU′(x) + SiLU′(−x) = 1, so the minimum mirrors the maximum: (−x_max, 1 − f′max)."""
    x_max = _newton(
        lambda x: 2 - x * math.tanh(x / 2),
        lambda x: -math.tanh(x / 2) - x / (2 * math.cosh(x / 2) ** 2),
        x0=2.4,
        lo=1.0,
        hi=4.0,
    )
    s = _sig(x_max)
    d_max = s * (1 + x_max * (1 - s))
    s_neg = _sig(-x_max)
    d_min = s_neg * (1 - x_max * (1 - s_neg))
    return (x_max, d_max), (-x_max, d_min)


def gelu_minimum() -> tuple[float, float]:
    """(x*, GELU(x*)): root of GELU′(x) = Φ(x) + xφ(x) on [−2, 0]."""
    phi = lambda x: math.exp(-x * x / 2) / math.sqrt(2 * math.pi)  # noqa: E731
    cdf = lambda x: 0.5 * (1 + math.erf(x / math.sqrt(2)))  # noqa: E731
    x_star = _newton(lambda x: cdf(x) + x * phi(x), lambda x: phi(x) * (2 - x * x), x0=-0.75, lo=-2.0, hi=-0.1)
    return x_star, float(gelu(torch.tensor(x_star, dtype=torch.float64)))


def swish_limit_gaps(beta: float, xrange: float, n: int = 2001) -> tuple[float, float]:
    """Largest |Swish_β − x/2| and |Swish_β − ReLU| on [−xrange, xrange]: the two limits made numeric."""
    x = torch.linspace(-xrange, xrange, n, dtype=torch.float64)
    y = swish(x, beta)
    return float((y - x / 2).abs().max()), float((y - torch.relu(x)).abs().max())
