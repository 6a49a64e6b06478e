"""Every FFN variant against the explicit formula of Shazeer 2020 with the module's own weights."""

import pytest
import torch
import torch.nn.functional as F

from swiglu.ffn import (
    GATED_VARIANTS,
    VARIANTS,
    FeedForward,
    ffn_flops,
    ffn_param_count,
    is_gated,
    llama_hidden_dim,
    matched_d_ff,
)


def _weights(m):
    W = m.gate_proj.weight.T if is_gated(m.variant) else None
    return W, m.up_proj.weight.T, m.down_proj.weight.T


REFERENCE = {
    "relu": lambda x, W, V, W2: torch.clamp(x @ V, min=0) @ W2,  # max(xW1, 0)W2 (W1 is up_proj)
    "gelu": lambda x, W, V, W2: F.gelu(x @ V) @ W2,
    "swish": lambda x, W, V, W2: ((x @ V) * torch.sigmoid(x @ V)) @ W2,
    "glu": lambda x, W, V, W2: (torch.sigmoid(x @ W) * (x @ V)) @ W2,
    "bilinear": lambda x, W, V, W2: ((x @ W) * (x @ V)) @ W2,
    "reglu": lambda x, W, V, W2: (torch.clamp(x @ W, min=0) * (x @ V)) @ W2,
    "geglu": lambda x, W, V, W2: (F.gelu(x @ W) * (x @ V)) @ W2,
    "swiglu": lambda x, W, V, W2: ((x @ W) * torch.sigmoid(x @ W) * (x @ V)) @ W2,
}


@pytest.mark.parametrize("variant", VARIANTS)
def test_forward_is_the_papers_formula(variant):
    torch.manual_seed(0)
    m = FeedForward(16, 24, variant).double()
    x = torch.randn(5, 7, 16, dtype=torch.float64)
    W, V, W2 = _weights(m)
    assert torch.allclose(m(x), REFERENCE[variant](x, W, V, W2), rtol=1e-12, atol=1e-12)
    names = {n for n, _ in m.named_parameters()}
    expected = {"gate_proj.weight", "up_proj.weight", "down_proj.weight"} if is_gated(variant) else {
        "up_proj.weight", "down_proj.weight"}
    assert names == expected


@pytest.mark.parametrize("variant", VARIANTS)
def test_gradcheck_every_variant(variant):
    torch.manual_seed(1)
    m = FeedForward(4, 6, variant, bias=True).double()
    x = torch.randn(3, 4, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(m, (x,))


def test_swiglu_equals_llama_form():
    torch.manual_seed(2)
    m = FeedForward(32, 86, "swiglu")
    w1, w3, w2 = m.gate_proj, m.up_proj, m.down_proj  # Meta's names
    x = torch.randn(4, 32)
    assert torch.allclose(m(x), w2(F.silu(w1(x)) * w3(x)), atol=1e-6)


def test_biases_when_asked():
    m = FeedForward(8, 12, "swiglu", bias=True)
    W, V, W2 = _weights(m)
    x = torch.randn(3, 8)
    a = x @ W + m.gate_proj.bias
    b = x @ V + m.up_proj.bias
    assert torch.allclose(m(x), (F.silu(a) * b) @ W2 + m.down_proj.bias, atol=1e-6)
    assert sum(p.numel() for p in m.parameters()) == ffn_param_count(8, 12, "swiglu", bias=True)


def test_learnable_beta_is_one_parameter():
    m = FeedForward(8, 12, "swiglu", beta=1.5, learnable_beta=True)
    extra = [n for n, _ in m.named_parameters() if "proj" not in n]
    assert extra == ["swish.beta"] and m.beta == 1.5
    x = torch.randn(3, 8)
    W, V, W2 = _weights(m)
    assert torch.allclose(m(x), ((x @ W) * torch.sigmoid(1.5 * (x @ W)) * (x @ V)) @ W2, atol=1e-6)


def test_param_counts_t5_base():
    assert matched_d_ff(768, "relu") == 3072
    for v in GATED_VARIANTS:
        assert matched_d_ff(768, v) == 2048
    assert ffn_param_count(768, 3072, "relu") == 2 * 768 * 3072 == 4_718_592
    assert ffn_param_count(768, 2048, "swiglu") == 3 * 768 * 2048 == 4_718_592
    for v in VARIANTS:
        m = FeedForward(24, matched_d_ff(24, v), v)
        assert sum(p.numel() for p in m.parameters()) == ffn_param_count(24, matched_d_ff(24, v), v)


def test_flops():
    assert ffn_flops(10, 768, 3072, "relu") == 2 * 10 * 768 * 3072 * 2
    assert ffn_flops(10, 768, 2048, "geglu") == 2 * 10 * 768 * 2048 * 3
    assert ffn_flops(10, 768, 3072, "gelu") == ffn_flops(10, 768, 2048, "swiglu")


def test_llama_sizes_from_facts():
    assert llama_hidden_dim(4096) == 11008
    assert llama_hidden_dim(5120) == 13824
    assert llama_hidden_dim(6656) == 17920
    assert llama_hidden_dim(8192) == 22016
    assert llama_hidden_dim(8192, multiple_of=4096, ffn_dim_multiplier=1.3) == 28672


def test_unknown_variant_rejected():
    with pytest.raises(ValueError):
        FeedForward(4, 4, "tanh")
    with pytest.raises(ValueError):
        matched_d_ff(4, "nope")


def test_intermediates_shapes():
    m = FeedForward(6, 10, "swiglu")
    parts = m.intermediates(torch.randn(3, 6))
    assert parts["xW"].shape == parts["xV"].shape == parts["h"].shape == (3, 10)
    assert parts["y"].shape == (3, 6)
