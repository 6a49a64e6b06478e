"""The /gradients core: derivatives, the Swish regions, the gated product's gradients and the gradient flow
through depth, against reference formulas and an independent computation with swiglu.ffn.FeedForward."""

import math

import pytest
import torch
import torch.nn.functional as F

from swiglu import gradflow
from swiglu.activations import GATES, gated, swish_derivative
from swiglu.analysis import silu_minimum_point
from swiglu.ffn import FeedForward


def sig(z):
    return 1 / (1 + torch.exp(-z))


def test_derivatives_match_reference_formulas():
    x, d = gradflow.derivatives(["relu", "gelu", "sigmoid", "swish", "silu", "tanh"], 1.7, 5.0, n=501)
    phi = torch.exp(-x * x / 2) / math.sqrt(2 * math.pi)
    cdf = 0.5 * (1 + torch.erf(x / math.sqrt(2)))
    assert torch.equal(d["relu"], (x > 0).double())
    assert torch.allclose(d["gelu"], cdf + x * phi, atol=1e-12)
    assert torch.allclose(d["sigmoid"], sig(x) * (1 - sig(x)), atol=1e-12)
    f = x * sig(1.7 * x)
    assert torch.allclose(d["swish"], 1.7 * f + sig(1.7 * x) * (1 - 1.7 * f), atol=1e-12)  # facts.md form
    assert torch.allclose(d["swish"], swish_derivative(x, 1.7), atol=1e-12)
    assert torch.allclose(d["silu"], sig(x) * (1 + x * (1 - sig(x))), atol=1e-12)
    assert torch.allclose(d["tanh"], 1 - torch.tanh(x) ** 2, atol=1e-12)


@pytest.mark.parametrize("beta", [0.3, 1.0, 2.0, 7.5])
def test_swish_regions_are_where_the_derivative_is_below_0_or_above_1(beta):
    x_neg, x_big = gradflow.swish_derivative_regions(beta)
    c = silu_minimum_point()
    assert x_neg == pytest.approx(c / beta) and x_big == pytest.approx(-c / beta)
    x = torch.linspace(-40 / beta, 40 / beta, 20001, dtype=torch.float64)
    d = swish_derivative(x, beta)
    margin = 1e-6 / beta
    assert bool((d[x < x_neg - margin] < 0).all()) and bool((d[x > x_neg + margin] > 0).all())
    assert bool((d[x > x_big + margin] > 1).all()) and bool((d[x < x_big - margin] < 1).all())
    assert gradflow.swish_derivative_regions(0.0) is None


def test_zero_intervals():
    x, d = gradflow.derivatives(["relu", "swish", "silu"], 1.0, 3.0, n=301)
    ((lo, hi),) = gradflow.zero_intervals(x, d["relu"])
    assert lo == -3.0 and -1e-12 <= hi <= 0.02 + 1e-12  # up to the first grid point where ReLU′ = 1
    assert gradflow.zero_intervals(x, d["swish"]) == []
    x = torch.arange(6.0)
    assert gradflow.zero_intervals(x, torch.tensor([0.0, 1, 0, 0, 1, 0])) == [(0.0, 1.0), (2.0, 4.0), (5.0, 5.0)]


def ref_gate_and_derivative(gate, a, beta):
    if gate == "glu":
        return sig(a), sig(a) * (1 - sig(a))
    if gate == "bilinear":
        return a, torch.ones_like(a)
    if gate == "reglu":
        return torch.relu(a), (a > 0).double()
    if gate == "geglu":
        cdf, phi = 0.5 * (1 + torch.erf(a / math.sqrt(2))), torch.exp(-a * a / 2) / math.sqrt(2 * math.pi)
        return a * cdf, cdf + a * phi
    return a * sig(beta * a), swish_derivative(a, beta)


@pytest.mark.parametrize("gate", list(GATES))
def test_gated_product_grads_are_g_prime_times_b_and_g(gate):
    a = torch.linspace(-4, 4, 401, dtype=torch.float64)
    da, db = gradflow.gated_product_grads(a, -1.7, gate, beta=1.4)
    g, dg = ref_gate_and_derivative(gate, a, 1.4)
    assert torch.allclose(da, dg * -1.7, atol=1e-12) and torch.allclose(db, g, atol=1e-12)


def test_init_std_matches_the_drawn_weights_and_torch_defaults():
    g = torch.Generator().manual_seed(0)
    for init in gradflow.INITS:
        w = gradflow._weight(g, init, 256, 512)
        assert w.dtype == torch.float64 and w.shape == (256, 512)
        assert float(w.std()) == pytest.approx(gradflow.init_std(init, 256, 512), rel=0.02)
    lin = torch.nn.Linear(256, 512)  # nn.Linear's default init has the "torch" spread
    assert float(lin.weight.detach().std()) == pytest.approx(gradflow.init_std("torch", 256, 512), rel=0.02)
    with pytest.raises(ValueError):
        gradflow.init_std("nope", 1, 1)


def _reference_norms(variant, depth, width, init, beta, seed, residual):
    """Rebuild the same stack as FeedForward modules and get each ∂L/∂h_l by a separate backward pass."""
    stack = gradflow.build_stack(variant, depth, width, init, seed)
    blocks = []
    for mats in stack.blocks:
        ff = FeedForward(width, mats[-1].shape[0], variant, beta=beta).double()
        with torch.no_grad():
            if variant == "swiglu":
                ff.gate_proj.weight.copy_(mats[0].T)
                ff.up_proj.weight.copy_(mats[1].T)
            else:
                ff.up_proj.weight.copy_(mats[0].T)
            ff.down_proj.weight.copy_(mats[-1].T)
        blocks.append(ff)

    def step(ff, h):
        return h + ff(F.rms_norm(h, (width,), eps=gradflow.RMS_EPS)) if residual else ff(h)

    hs = [stack.x]
    with torch.no_grad():
        for ff in blocks:
            hs.append(step(ff, hs[-1]))
    norms = []
    for layer, h in enumerate(hs):  # a fresh graph from layer l to the top, for every l
        h0 = h.clone().requires_grad_(True)
        top = h0
        for ff in blocks[layer:]:
            top = step(ff, top)
        (grad,) = torch.autograd.grad((top * stack.u).sum(), h0)
        norms.append(float(grad.norm(dim=-1).pow(2).mean().sqrt()))
    return norms


@pytest.mark.parametrize("variant", gradflow.FLOW_VARIANTS)
@pytest.mark.parametrize("residual", [False, True])
def test_gradient_flow_matches_a_direct_computation(variant, residual):
    flow = gradflow.gradient_flow(variant, 5, 16, "kaiming", beta=1.3, seed=4, residual=residual)
    ref = _reference_norms(variant, 5, 16, "kaiming", 1.3, 4, residual)
    assert len(flow.grad) == len(flow.signal) == 6
    assert flow.grad == pytest.approx(ref, rel=1e-9)
    assert flow.grad[-1] == pytest.approx(1.0, rel=1e-12)  # unit vectors u: the top gradient is exactly 1


def test_gradient_flow_is_deterministic_and_seeded():
    a = gradflow.gradient_flow_all(6, 16, "xavier", 1.0, seed=11)
    b = gradflow.gradient_flow_all(6, 16, "xavier", 1.0, seed=11)
    c = gradflow.gradient_flow_all(6, 16, "xavier", 1.0, seed=12)
    assert a == b and a != c and list(a) == list(gradflow.FLOW_VARIANTS)
    s1, s2 = gradflow.build_stack("relu", 2, 8, seed=5), gradflow.build_stack("swiglu", 2, 8, seed=5)
    assert torch.equal(s1.x, s2.x) and torch.equal(s1.u, s2.u)  # same tokens and target for every variant


def test_what_the_page_claims():
    plain = gradflow.gradient_flow_all(12, 64, "torch", 1.0, seed=0)
    assert gradflow.breakdown(plain["swiglu"].grad) == ("underflow", 11)  # quadratic block: signal dies out
    assert all(gradflow.breakdown(plain[v].grad) is None for v in ("relu", "gelu", "swish"))
    assert plain["relu"].grad[0] < 1e-6  # geometric decay without residuals at PyTorch's default init
    big = gradflow.gradient_flow_all(12, 64, "kaiming", 1.0, seed=0)
    assert gradflow.breakdown(big["swiglu"].grad)[0] == "overflow"
    res = gradflow.gradient_flow_all(12, 64, "small", 1.0, seed=0, residual=True)
    assert all(0.95 < g < 1.1 for f in res.values() for g in f.grad)  # identity path carries the gradient


def test_breakdown():
    assert gradflow.breakdown([1e-3, 0.1, 1.0]) is None
    assert gradflow.breakdown([0.0, 0.0, 1e-300, 1.0]) == ("underflow", 1)
    assert gradflow.breakdown([math.nan, math.inf, 3.0, 1.0]) == ("overflow", 1)


def test_gated_in_stack_equals_activations_gated():
    h = torch.randn(3, 8, dtype=torch.float64)
    W, V, W2 = (torch.randn(8, 5, dtype=torch.float64), torch.randn(8, 5, dtype=torch.float64),
                torch.randn(5, 8, dtype=torch.float64))
    assert torch.allclose(gradflow.ffn(h, "swiglu", [W, V, W2], 2.0), gated(h @ W, h @ V, "swiglu", 2.0) @ W2)
