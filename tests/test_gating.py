"""The /glu core: the product surface, slices, one token's journey and the F.glu convention, against
reference formulas written out here (not taken from swiglu.activations)."""

import math

import pytest
import torch
import torch.nn.functional as F

from swiglu import gating
from swiglu.activations import GATES, gated


def ref_gate(gate, a, beta=1.0):
    sig = lambda z: 1 / (1 + torch.exp(-z))  # noqa: E731
    return {
        "glu": sig(a),
        "bilinear": a,
        "reglu": torch.where(a > 0, a, torch.zeros_like(a)),
        "geglu": a * 0.5 * (1 + torch.erf(a / math.sqrt(2))),
        "swiglu": a * sig(beta * a),
    }[gate]


@pytest.mark.parametrize("gate", list(GATES))
@pytest.mark.parametrize("beta", [0.0, 1.0, 2.5])
def test_product_grid_is_gate_of_a_times_b(gate, beta):
    a, b, z = gating.product_grid(gate, beta, n=41)
    assert z.shape == (41, 41) and a[0] == -gating.LIM and a[-1] == gating.LIM
    want = ref_gate(gate, a, beta).unsqueeze(0) * b.unsqueeze(1)  # rows follow b
    assert torch.allclose(z, want, rtol=1e-12, atol=1e-12)
    i, j = 7, 31
    assert math.isclose(float(z[i, j]), float(ref_gate(gate, a[j:j + 1], beta)) * float(b[i]), abs_tol=1e-12)


def test_slices_are_rows_of_the_surface():
    a, b, z = gating.product_grid("swiglu", 1.0, n=81)
    row = 60
    xs, ys = gating.product_slices(list(GATES), float(b[row]), 1.0, n=81)
    assert torch.equal(xs, a)
    assert torch.allclose(ys["swiglu"], z[row], rtol=1e-12, atol=1e-12)
    for g in GATES:
        assert torch.allclose(ys[g], ref_gate(g, xs) * float(b[row]), rtol=1e-12, atol=1e-12)


def test_unit_states_follow_the_threshold():
    s = gating.SHUT
    states = gating.unit_states(torch.tensor([0.0, s / 2, -s / 2, s, -s, 2.0, -0.3]))
    assert states == ["shut", "shut", "shut", "open", "flipped", "open", "flipped"]


def test_token_vector_pads_and_truncates():
    assert gating.token_vector((1, 2), 4) == (1.0, 2.0, 0.0, 0.0)
    assert gating.token_vector(range(8), 5) == (0.0, 1.0, 2.0, 3.0, 4.0)


@pytest.mark.parametrize("gate", list(GATES))
def test_token_journey_is_the_formula(gate):
    tok = (1.0, -0.5, 0.8, -1.2, 0.3, 2.0)
    j = gating.token_journey(tok, 6, 10, gate, beta=1.5, seed=3)
    x = torch.tensor(tok, dtype=torch.float64)
    assert j.W.shape == (6, 10) and j.V.shape == (6, 10)
    assert torch.allclose(j.xW, x @ j.W) and torch.allclose(j.xV, x @ j.V)
    assert torch.allclose(j.gate, ref_gate(gate, j.xW, 1.5), rtol=1e-12, atol=1e-12)
    assert torch.allclose(j.product, ref_gate(gate, j.xW, 1.5) * j.xV, rtol=1e-12, atol=1e-12)
    assert j.states == tuple(gating.unit_states(j.gate))
    assert sum(gating.state_counts(j).values()) == 10


def test_journey_is_reproducible_and_leaves_the_global_rng_alone():
    before = torch.get_rng_state()
    a = gating.token_journey((1, 2, 3, 4), 4, 8, "swiglu", seed=7)
    b = gating.token_journey((1, 2, 3, 4), 4, 8, "reglu", seed=7)
    c = gating.token_journey((1, 2, 3, 4), 4, 8, "swiglu", seed=8)
    assert torch.equal(torch.get_rng_state(), before)
    assert torch.equal(a.W, b.W) and torch.equal(a.V, b.V)  # the gate does not change the projections
    assert not torch.equal(a.W, c.W)
    # W, V ~ N(0, 1/d_model): check the scale on a large draw
    W, V = gating.random_projections(64, 4096, seed=0)
    assert abs(float(W.std()) - 1 / 8) < 0.005 and abs(float(V.std()) - 1 / 8) < 0.005


def test_torch_glu_gates_the_second_half():
    inp, out = gating.torch_glu_example()
    assert inp == [1.0, 2.0, 3.0, 4.0]
    assert out == pytest.approx([0.9526, 1.9640], abs=5e-5)  # ../shared/facts.md
    a, b = torch.randn(5, dtype=torch.float64), torch.randn(5, dtype=torch.float64)
    assert torch.allclose(gated(a, b, "glu"), F.glu(torch.cat([b, a]), dim=-1))


@pytest.mark.parametrize("gate", list(GATES))
def test_gated_product_passes_gradcheck(gate):
    g = torch.Generator().manual_seed(0)
    a = torch.randn(12, generator=g, dtype=torch.float64)
    a = torch.where(a.abs() < 0.1, a + 0.3, a).requires_grad_(True)  # away from ReLU's kink
    b = torch.randn(12, generator=g, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda a, b: gated(a, b, gate, 1.3), (a, b))
