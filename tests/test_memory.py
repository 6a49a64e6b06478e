"""The memory-saving SwiGLU block: same function and gradients as the eager FeedForward("swiglu"),
gradcheck in float64, and fewer saved activation bytes (counted exactly with saved_tensors_hooks)."""

import importlib.util
import pathlib

import pytest
import torch

from swiglu.ffn import FeedForward, matched_d_ff
from swiglu.memory import (
    MemorySavingSwiGLU,
    SwiGLUFunction,
    compare_saved_bytes,
    saved_activation_bytes,
    swiglu_ffn,
)

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _pair(d_model=6, d_ff=10, beta=1.0, seed=0):
    torch.manual_seed(seed)
    eager = FeedForward(d_model, d_ff, "swiglu", beta=beta).double()
    return eager, MemorySavingSwiGLU.from_feedforward(eager)


@pytest.mark.parametrize("beta", [1.0, 1.7, 0.0])
def test_forward_matches_eager_with_the_same_weights(beta):
    eager, saving = _pair(beta=beta)
    x = torch.randn(3, 5, 6, dtype=torch.float64)
    assert saving.down_proj.weight.dtype == torch.float64
    assert torch.allclose(saving(x), eager(x), rtol=1e-12, atol=1e-12)
    assert set(saving.state_dict()) == set(eager.state_dict())


@pytest.mark.parametrize("beta", [1.0, 1.7])
def test_gradcheck_function_float64(beta):
    torch.manual_seed(1)
    x = torch.randn(4, 5, dtype=torch.float64, requires_grad=True)
    w = torch.randn(7, 5, dtype=torch.float64, requires_grad=True)
    v = torch.randn(7, 5, dtype=torch.float64, requires_grad=True)
    w2 = torch.randn(5, 7, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(lambda *a: SwiGLUFunction.apply(*a, beta), (x, w, v, w2))


@pytest.mark.parametrize("beta", [1.0, 0.6])
def test_gradients_match_eager(beta):
    eager, saving = _pair(d_model=8, d_ff=12, beta=beta, seed=2)
    x1 = torch.randn(2, 3, 8, dtype=torch.float64, requires_grad=True)
    x2 = x1.detach().clone().requires_grad_(True)
    gy = torch.randn(2, 3, 8, dtype=torch.float64)
    eager(x1).backward(gy)
    saving(x2).backward(gy)
    assert torch.allclose(x1.grad, x2.grad, rtol=1e-10, atol=1e-12)
    for (n1, p1), (n2, p2) in zip(eager.named_parameters(), saving.named_parameters(), strict=True):
        assert n1 == n2
        assert torch.allclose(p1.grad, p2.grad, rtol=1e-10, atol=1e-12), n1


def test_only_some_inputs_need_grad():
    torch.manual_seed(3)
    x = torch.randn(4, 5, dtype=torch.float64)  # no grad for x: frozen input
    w, v = torch.randn(7, 5, dtype=torch.float64), torch.randn(7, 5, dtype=torch.float64)
    w2 = torch.randn(5, 7, dtype=torch.float64, requires_grad=True)
    swiglu_ffn(x, w, v, w2).sum().backward()
    ref = (torch.nn.functional.silu(x @ w.T) * (x @ v.T)).T @ torch.ones(4, 5, dtype=torch.float64)
    assert torch.allclose(w2.grad, ref.T)


def test_saves_only_x_and_the_two_projections():
    d, f, n = 16, matched_d_ff(16, "swiglu"), 9
    eager, saving = _pair(d_model=d, d_ff=f)
    x = torch.randn(n, d, dtype=torch.float64, requires_grad=True)
    rep = saved_activation_bytes(saving, x)
    assert sorted(rep.shapes) == sorted([(n, d), (n, f), (n, f)])
    assert rep.total == 8 * (n * d + 2 * n * f)
    eager_rep = saved_activation_bytes(eager, x)
    assert (n, d) in eager_rep.shapes and eager_rep.total > rep.total
    weight_shapes = {tuple(p.shape) for p in eager.parameters()} | {tuple(p.T.shape) for p in eager.parameters()}
    assert not weight_shapes & set(eager_rep.shapes)  # parameters are not counted


def test_saved_bytes_ratio_meets_the_goal_and_is_deterministic():
    r1 = compare_saved_bytes(64, matched_d_ff(64, "swiglu"), 32)
    r2 = compare_saved_bytes(64, matched_d_ff(64, "swiglu"), 32, seed=5)
    assert r1["ratio"] == r2["ratio"] <= 0.8
    assert r1["saving"].total == 4 * 32 * (64 + 2 * 170)


def test_refuses_what_it_cannot_reproduce():
    with pytest.raises(ValueError):
        MemorySavingSwiGLU.from_feedforward(FeedForward(4, 6, "geglu"))
    with pytest.raises(ValueError):
        MemorySavingSwiGLU.from_feedforward(FeedForward(4, 6, "swiglu", bias=True))
    with pytest.raises(ValueError):
        MemorySavingSwiGLU.from_feedforward(FeedForward(4, 6, "swiglu", learnable_beta=True))


def test_bench_prints_both_ratios(capsys):
    spec = importlib.util.spec_from_file_location("bench_memory", ROOT / "bench" / "memory.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out = mod.main(["--tokens", "16", "--d-model", "32", "--repeats", "2"])
    text = capsys.readouterr().out
    assert "memory ratio" in text and "time ratio" in text
    assert out["memory_ratio"] <= 0.8 and out["time_ratio"] > 0
