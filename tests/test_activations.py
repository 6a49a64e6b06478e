"""Every activation and derivative against its reference formula and torch.nn.functional."""

import math

import pytest
import torch
import torch.nn.functional as F
from hypothesis import given, settings
from hypothesis import strategies as st

from swiglu.activations import (
    ACTIVATIONS,
    GATES,
    Swish,
    activate,
    activation_and_grad,
    gated,
    gelu,
    relu,
    sigmoid,
    silu,
    swish,
    swish_derivative,
)

GRID = torch.linspace(-12, 12, 4801, dtype=torch.float64)


def ref_sigmoid(x):
    return 1 / (1 + torch.exp(-x))


def test_swish_is_x_times_sigmoid_beta_x():
    for beta in (0.0, 0.1, 0.5, 1.0, 1.702, 2.5, 10.0):
        assert torch.allclose(swish(GRID, beta), GRID * ref_sigmoid(beta * GRID), rtol=1e-12, atol=1e-14)


def test_silu_matches_torch_and_swish_beta_1():
    assert torch.allclose(silu(GRID), F.silu(GRID), rtol=0, atol=1e-15)
    assert torch.allclose(swish(GRID, 1.0), F.silu(GRID), rtol=1e-14, atol=1e-15)


def test_swish_beta_zero_is_exactly_half_x():
    x32 = torch.linspace(-1e4, 1e4, 1001)
    assert torch.equal(swish(x32, 0.0), x32 / 2)
    assert torch.equal(swish(GRID, 0.0), GRID / 2)


def test_gelu_exact_and_tanh_against_formulas():
    exact = GRID * 0.5 * (1 + torch.erf(GRID / math.sqrt(2)))
    assert torch.allclose(gelu(GRID), exact, rtol=1e-12, atol=1e-14)
    tanh_ref = 0.5 * GRID * (1 + torch.tanh(math.sqrt(2 / math.pi) * (GRID + 0.044715 * GRID**3)))
    assert torch.allclose(gelu(GRID, "tanh"), tanh_ref, rtol=1e-12, atol=1e-14)
    assert torch.allclose(gelu(GRID), F.gelu(GRID))
    with pytest.raises(ValueError):
        gelu(GRID, "cubic")


def test_gelu_approximation_errors_match_the_facts_sheet():
    x = torch.linspace(-8, 8, 160001, dtype=torch.float64)
    tanh_err = (gelu(x, "tanh") - gelu(x)).abs().max().item()
    sig_err = (x * torch.sigmoid(1.702 * x) - gelu(x)).abs().max().item()
    assert 4.0e-4 < tanh_err < 5.0e-4  # facts.md: max error 4.7e-4 on [-8, 8]
    assert 0.019 < sig_err < 0.021  # facts.md: max error 0.020


def test_relu_sigmoid_registry_entries():
    assert torch.equal(relu(GRID), torch.clamp(GRID, min=0))
    assert torch.allclose(sigmoid(GRID), ref_sigmoid(GRID))
    x = torch.tensor([-2.0, 0.0, 3.0], dtype=torch.float64)
    expected = {
        "relu": torch.tensor([0.0, 0.0, 3.0]),
        "tanh": torch.tanh(x),
        "mish": x * torch.tanh(torch.log1p(torch.exp(x))),
        "elu": torch.tensor([math.exp(-2) - 1, 0.0, 3.0]),
        "leaky_relu": torch.tensor([-0.02, 0.0, 3.0]),
        "sigmoid": ref_sigmoid(x),
    }
    for key, want in expected.items():
        assert torch.allclose(activate(key, x), want.double(), atol=1e-12), key


def test_registry_has_the_required_stable_keys():
    required = {"relu", "gelu", "gelu_tanh", "sigmoid", "silu", "swish", "tanh"}
    assert required <= set(ACTIVATIONS)
    assert len(set(ACTIVATIONS) - required) >= 2
    assert set(GATES) == {"glu", "bilinear", "reglu", "geglu", "swiglu"}
    for key, act in ACTIVATIONS.items():
        assert act.key == key and act.latex


def test_swish_derivative_equals_the_literal_formula_and_autograd():
    for beta in (0.0, 0.3, 1.0, 1.702, 4.0, 25.0):
        f = swish(GRID, beta)
        literal = beta * f + torch.sigmoid(beta * GRID) * (1 - beta * f)
        assert torch.allclose(swish_derivative(GRID, beta), literal, rtol=1e-10, atol=1e-12)
        _, auto = activation_and_grad("swish", GRID, beta)
        assert torch.allclose(swish_derivative(GRID, beta), auto, rtol=1e-10, atol=1e-12)


def test_every_registry_derivative_from_autograd_matches_finite_differences():
    x = torch.linspace(-5, 5, 1001, dtype=torch.float64)
    x = x[(x.abs() > 1e-3)]  # ReLU-like kinks at 0
    h = 1e-6
    for key in ACTIVATIONS:
        _, g = activation_and_grad(key, x, 1.3)
        fd = (activate(key, x + h, 1.3) - activate(key, x - h, 1.3)) / (2 * h)
        assert torch.allclose(g, fd, atol=1e-6), key


def test_gradcheck_x_and_beta_float64():
    x = torch.linspace(-6, 6, 37, dtype=torch.float64, requires_grad=True)
    for b in (0.0, 0.5, 1.0, 3.0):
        beta = torch.tensor(b, dtype=torch.float64, requires_grad=True)
        assert torch.autograd.gradcheck(lambda x, beta: swish(x, beta), (x, beta))
        assert torch.autograd.gradcheck(lambda x, beta: swish_derivative(x, beta), (x, beta))
    for key in ("silu", "gelu", "gelu_tanh", "sigmoid", "tanh", "mish", "elu"):
        assert torch.autograd.gradcheck(lambda x, k=key: activate(k, x), (x,))
    a = torch.randn(5, 7, dtype=torch.float64, requires_grad=True)
    b = torch.randn(5, 7, dtype=torch.float64, requires_grad=True)
    for gate in ("glu", "bilinear", "geglu", "swiglu"):
        assert torch.autograd.gradcheck(lambda a, b, g=gate: gated(a, b, g), (a, b))


@settings(max_examples=300, deadline=None)
@given(
    x=st.floats(-1e4, 1e4, allow_nan=False),
    beta=st.floats(0.0, 100.0, allow_nan=False),
    dtype=st.sampled_from([torch.float32, torch.float64]),
)
def test_swish_values_and_gradients_are_finite(x, beta, dtype):
    if abs(beta * x) > 1e4:
        x = math.copysign(1e4 / max(beta, 1e-300), x)
    xt = torch.tensor([x], dtype=dtype, requires_grad=True)
    bt = torch.tensor(beta, dtype=dtype, requires_grad=True)
    y = swish(xt, bt)
    y.sum().backward()
    assert torch.isfinite(y).all() and torch.isfinite(xt.grad).all() and torch.isfinite(bt.grad).all()
    assert torch.isfinite(swish_derivative(xt.detach(), beta)).all()


@settings(max_examples=200, deadline=None)
@given(x=st.floats(-50, 50, allow_nan=False))
def test_beta_limits(x):
    xt = torch.tensor(x, dtype=torch.float64)
    assert abs(swish(xt, 1e-9).item() - x / 2) <= 1e-9 * x * x + 1e-15
    # Swish_β − ReLU = −|x|·σ(−β|x|), so the gap at β = 1e3 is below 1e-3 · max_z z·e^{-z} ≈ 3.7e-4.
    assert abs(swish(xt, 1e3).item() - max(x, 0.0)) <= 3.7e-4


def test_limit_gap_shrinks_monotonically():
    gaps_relu = [(swish(GRID, b) - torch.relu(GRID)).abs().max().item() for b in (1, 10, 100, 1000)]
    gaps_half = [(swish(GRID, b) - GRID / 2).abs().max().item() for b in (1, 0.1, 0.01, 0.001)]
    assert gaps_relu == sorted(gaps_relu, reverse=True) and gaps_relu[-1] < 1e-3
    assert gaps_half == sorted(gaps_half, reverse=True) and gaps_half[-1] < 0.04


def test_swish_module_parameters():
    fixed = Swish(1.5)
    assert list(fixed.parameters()) == [] and list(fixed.buffers()) == []
    learn = Swish(1.5, learnable=True)
    params = list(learn.parameters())
    assert len(params) == 1 and params[0] is learn.beta and params[0].item() == 1.5
    x = torch.randn(4, 3)
    assert torch.allclose(fixed(x), swish(x, 1.5)) and torch.allclose(learn(x), swish(x, 1.5))


def test_learnable_beta_recovers_1_7():
    torch.manual_seed(0)
    x = torch.linspace(-6, 6, 512).unsqueeze(1)
    y = swish(x, 1.7)
    m = Swish(1.0, learnable=True)
    opt = torch.optim.Adam(m.parameters(), lr=0.05)
    for _ in range(400):
        opt.zero_grad()
        loss = F.mse_loss(m(x), y)
        loss.backward()
        opt.step()
    assert abs(m.beta.item() - 1.7) < 0.05


def test_gated_gates_the_first_argument_and_maps_to_torch_glu():
    a = torch.randn(3, 8, dtype=torch.float64)
    b = torch.randn(3, 8, dtype=torch.float64)
    assert torch.allclose(gated(a, b, "glu"), torch.sigmoid(a) * b)
    assert torch.allclose(gated(a, b, "glu"), F.glu(torch.cat([b, a], -1), dim=-1))
    assert torch.allclose(gated(a, b, "bilinear"), a * b)
    assert torch.allclose(gated(a, b, "reglu"), torch.relu(a) * b)
    assert torch.allclose(gated(a, b, "geglu"), F.gelu(a) * b)
    assert torch.allclose(gated(a, b, "swiglu"), F.silu(a) * b)
    assert torch.allclose(gated(a, b, "swiglu", 2.0), a * torch.sigmoid(2 * a) * b)
    with pytest.raises(KeyError):
        gated(a, b, "tanhglu")


def test_torch_glu_value_from_the_facts_sheet():
    out = F.glu(torch.tensor([1.0, 2.0, 3.0, 4.0]), dim=-1)
    assert torch.allclose(out, torch.tensor([0.9526, 1.9640]), atol=1e-4)
