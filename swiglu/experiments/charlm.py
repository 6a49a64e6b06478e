"""A tiny character-level transformer language model whose FFN is any of the eight variants of Shazeer 2020,
"GLU Variants Improve Transformer" (arXiv 2002.05202, §2-3): the toy-scale reproduction on /paper.

The paper trains T5-base (d_model 768, d_ff 3,072 or 2,048) for 65,536 and 524,288 steps on C4 span filling and
reports heldout log-perplexity (Table 1). Here: a 2-layer decoder-only transformer (nanoGPT's shape, pre-norm,
no biases in the FFN as in the paper) predicts the next character of a Shakespeare excerpt shipped in assets/.
Every variant gets the same attention, embeddings and seed; only the FFN differs, with d_ff from
swiglu.ffn.matched_d_ff so that all eight have the same number of FFN weights (the paper's 2/3 rule; equal up
to rounding: 32,768 plain vs 32,640 gated at d_model 64).

The held-out loss is the mean cross-entropy in nats per character over the last `heldout_frac` of the text,
cut into non-overlapping windows: deterministic, the same characters for every run.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import Tensor, nn

from ..ffn import FeedForward, ffn_param_count, matched_d_ff

CORPUS = Path(__file__).resolve().parents[2] / "assets" / "tinyshakespeare_excerpt.txt"


@dataclass(frozen=True)
class CharLMConfig:
    d_model: int = 64  # residual width; 64 keeps a 2-layer model under ~0.1 M parameters
    n_layer: int = 2  # the issue asks for a 1-2 layer transformer; two make the FFN matter twice
    n_head: int = 4  # 16-dim heads, as in small nanoGPT configs
    context: int = 64  # characters of left context: a line of verse and a bit
    expansion: float = 4.0  # d_ff = 4·d_model plain, int(2/3·4·d_model) gated (T5: 3072 vs 2048 at d 768)
    batch_size: int = 32  # 32 windows × 64 characters = 2,048 predicted characters per step
    steps: int = 1500
    lr: float = 3e-3  # AdamW, cosine decay to 10 %, after a short warm-up; the same for every variant
    warmup: int = 100
    weight_decay: float = 0.01
    heldout_frac: float = 0.1  # the last 10 % of the text (a later scene) is never trained on
    max_seconds: float = 600.0  # per run; a guard, not a tuning knob

    def d_ff(self, variant: str) -> int:
        return matched_d_ff(self.d_model, variant, self.expansion)


@lru_cache(maxsize=2)
def load_corpus(path: str = str(CORPUS)) -> tuple[str, tuple[str, ...]]:
    """The text and its sorted character vocabulary."""
    text = Path(path).read_text(encoding="utf-8")
    return text, tuple(sorted(set(text)))


def encode(text: str, vocab: tuple[str, ...]) -> Tensor:
    index = {ch: i for i, ch in enumerate(vocab)}
    return torch.tensor([index[ch] for ch in text], dtype=torch.long)


def split(ids: Tensor, heldout_frac: float) -> tuple[Tensor, Tensor]:
    cut = int(len(ids) * (1 - heldout_frac))
    return ids[:cut], ids[cut:]


class Block(nn.Module):
    """Pre-norm transformer layer: x + Attn(LN(x)), then x + FFN(LN(x)). Only the FFN varies between runs."""

    def __init__(self, cfg: CharLMConfig, variant: str):
        super().__init__()
        self.n_head = cfg.n_head
        self.ln1, self.ln2 = nn.LayerNorm(cfg.d_model), nn.LayerNorm(cfg.d_model)
        self.qkv = nn.Linear(cfg.d_model, 3 * cfg.d_model, bias=False)
        self.proj = nn.Linear(cfg.d_model, cfg.d_model, bias=False)
        self.ffn = FeedForward(cfg.d_model, cfg.d_ff(variant), variant)  # no biases, as in the paper

    def attention(self, x: Tensor) -> Tensor:  # (B, T, d) -> (B, T, d)
        B, T, d = x.shape
        q, k, v = self.qkv(x).split(d, dim=-1)
        q, k, v = (t.view(B, T, self.n_head, d // self.n_head).transpose(1, 2) for t in (q, k, v))  # (B, h, T, d/h)
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        return self.proj(y.transpose(1, 2).reshape(B, T, d))

    def forward(self, x: Tensor) -> Tensor:
        x = x + self.attention(self.ln1(x))
        return x + self.ffn(self.ln2(x))


class CharLM(nn.Module):
    def __init__(self, cfg: CharLMConfig, variant: str, vocab_size: int):
        super().__init__()
        self.tok = nn.Embedding(vocab_size, cfg.d_model)
        self.pos = nn.Embedding(cfg.context, cfg.d_model)
        self.blocks = nn.ModuleList(Block(cfg, variant) for _ in range(cfg.n_layer))
        self.ln = nn.LayerNorm(cfg.d_model)
        self.head = nn.Linear(cfg.d_model, vocab_size, bias=False)

    def forward(self, idx: Tensor) -> Tensor:  # (B, T) character ids -> (B, T, vocab) logits
        x = self.tok(idx) + self.pos(torch.arange(idx.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln(x))


def build(cfg: CharLMConfig, variant: str, vocab_size: int, seed: int) -> CharLM:
    """Same seed, same draws for everything but the FFN: the FFNs are drawn last, after all shared layers."""
    torch.manual_seed(seed)  # callers run in their own thread/process; see train_run
    model = CharLM(cfg, variant, vocab_size)
    gen = torch.Generator().manual_seed(seed)
    shared = [m for m in model.modules() if isinstance(m, nn.Linear | nn.Embedding) and not _in_ffn(model, m)]
    ffn = [m for b in model.blocks for m in b.ffn.modules() if isinstance(m, nn.Linear)]
    for m in shared + ffn:
        std = 0.02 if isinstance(m, nn.Embedding) else 1 / math.sqrt(m.weight.shape[1])
        nn.init.normal_(m.weight, 0.0, std, generator=gen)
    return model


def _in_ffn(model: CharLM, module: nn.Module) -> bool:
    return any(module is m for b in model.blocks for m in b.ffn.modules())


def ffn_params(cfg: CharLMConfig, variant: str) -> int:
    """FFN weights per layer (the matched quantity): 2·d·d_ff plain, 3·d·d_ff gated."""
    return ffn_param_count(cfg.d_model, cfg.d_ff(variant), variant)


def param_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


@torch.no_grad()
def heldout_loss(model: CharLM, heldout: Tensor, context: int) -> float:
    """Mean next-character cross-entropy (nats) over the held-out text in non-overlapping windows."""
    model.eval()
    n = (len(heldout) - 1) // context
    x = heldout[: n * context].view(n, context)
    y = heldout[1 : n * context + 1].view(n, context)
    total = 0.0
    for i in range(0, n, 128):  # (128, T) per pass bounds memory
        logits = model(x[i : i + 128])  # (b, T, vocab)
        targets = y[i : i + 128].reshape(-1)
        total += F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets, reduction="sum").item()
    model.train()
    return total / (n * context)


def lr_at(step: int, cfg: CharLMConfig) -> float:
    if step < cfg.warmup:
        return cfg.lr * (step + 1) / cfg.warmup
    progress = (step - cfg.warmup) / max(1, cfg.steps - cfg.warmup)
    return cfg.lr * (0.1 + 0.9 * 0.5 * (1 + math.cos(math.pi * progress)))


@dataclass(frozen=True)
class RunResult:
    variant: str
    seed: int
    heldout_loss: float  # nats per character; NaN if the run diverged
    steps: int
    seconds: float


def train_run(cfg: CharLMConfig, variant: str, seed: int,
              should_stop: Callable[[], bool] | None = None) -> RunResult:  # fmt: skip
    """Train one model from scratch and return its held-out loss. Batches come from a generator seeded by
    `seed` (the same windows for every variant of that seed)."""
    text, vocab = load_corpus()
    train_ids, heldout = split(encode(text, vocab), cfg.heldout_frac)
    model = build(cfg, variant, len(vocab), seed)
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": cfg.weight_decay},
                             {"params": no_decay, "weight_decay": 0.0}], lr=cfg.lr, betas=(0.9, 0.95))
    gen = torch.Generator().manual_seed(10_000 + seed)
    t0 = time.perf_counter()
    waited = 0.0  # inside should_stop(): in the shared pool it is where the task waits for its next turn
    step = 0
    offsets = torch.arange(cfg.context)
    while step < cfg.steps:
        if should_stop is not None:
            w0 = time.perf_counter()
            stop = should_stop()
            waited += time.perf_counter() - w0
            if stop:
                break
        if time.perf_counter() - t0 - waited > cfg.max_seconds:  # compute time, not the turns of others
            break
        starts = torch.randint(0, len(train_ids) - cfg.context - 1, (cfg.batch_size, 1), generator=gen)
        x, y = train_ids[starts + offsets], train_ids[starts + offsets + 1]  # (B, T) each
        for group in opt.param_groups:
            group["lr"] = lr_at(step, cfg)
        logits = model(x)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1))
        if not math.isfinite(loss.item()):
            return RunResult(variant, seed, float("nan"), step, time.perf_counter() - t0 - waited)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step += 1
    return RunResult(variant, seed, heldout_loss(model, heldout, cfg.context), step, time.perf_counter() - t0 - waited)
