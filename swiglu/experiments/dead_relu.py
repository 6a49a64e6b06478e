"""The live experiment of /dead-relu: the same small network trained with ReLU, Swish and SwiGLU blocks from
the same seed, watching how many units die (swiglu.dead) as training goes.

The network is train.py's residual MLP shape with biases in the blocks (so a bias can be shifted):
    h0 = E·(p / extent) + e;   h_{k+1} = h_k + FFN_k(h_k);   logit = head(h_depth)
Why a residual stream: a stack of FFN blocks without it is a bottleneck MLP that barely trains on these sets
with Adam (measured here: chance-level loss after 600 steps at every learning rate we tried), and then
nothing can be said about death. With it, a dead block does not stop the signal, so dead units show up in
the measurement while the net may still learn, which is the honest picture.

Initialisations of the layer in front of the nonlinearity (up_proj, or gate_proj of a gated block):
- "torch": PyTorch's nn.Linear default, U(±1/√fan_in) for weights and biases (what the rest of the app uses);
- "he": Kaiming normal N(0, 2/fan_in), zero bias (He et al. 2015);
- "rai": the randomized asymmetric initialisation of Lu, Shin, Su & Karniadakis (arXiv 1903.06733):
  (W_j, b_j) ~ N(0, 0.6007²/fan_in), then one entry per unit, chosen at random, replaced by a Beta(2, 1) draw;
- "centred": ours, data-dependent: torch weights, then each bias set so that the unit's median
  pre-activation over the probe set is 0, layer by layer: every unit fires on half the inputs at birth.
The bias shift δ is subtracted from those biases after the initialisation (δ > 0 makes units born dead).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import Tensor, nn

from .. import data as data_mod
from ..dead import EPS_CHOICES, LayerProbe, layer_death, probe
from ..ffn import FeedForward, matched_d_ff

INITS = ("torch", "he", "rai", "centred")
LRS = ("0.0003", "0.001", "0.003", "0.01", "0.03", "0.1")
VARIANTS = ("relu", "swish", "swiglu")
RAI_SCALE = 0.6007  # Lu et al.'s σ·√fan_in for the symmetric part of RAI


@dataclass(frozen=True)
class DeadConfig:
    dataset: str = "spiral"  # the hardest 2-D set: units have to carve many regions, dead ones are missed
    n_points: int = 500  # data.py's playground default; the 250 training points are the probe set
    seed: int = 0  # data, initialisation: the same for every variant
    depth: int = 3  # FFN blocks (layers of units)
    width: int = 16  # residual width d_model
    expansion: float = 2.0  # d_ff = 2·width plain, int(2/3·2·width) gated (equal weights, the 2/3 rule)
    init: str = "torch"  # one of INITS
    lr: float = 0.003  # Adam; 0.003 trains every variant here, 0.03 kills most ReLU units (measured)
    shift: float = 0.0  # δ subtracted from the unit biases after the initialisation
    steps: int = 600  # full-batch Adam steps; ~1-3 s per variant on one core
    checkpoints: int = 40  # measurements over the run (each costs one forward pass of the probe set)
    variants: tuple[str, ...] = VARIANTS

    def __post_init__(self):
        if self.dataset not in data_mod.DATASETS or self.init not in INITS:
            raise ValueError(f"invalid DeadConfig: dataset {self.dataset!r}, init {self.init!r}")
        if not (self.depth >= 1 and self.width >= 1 and self.steps >= 1 and self.lr > 0 and self.checkpoints >= 1):
            raise ValueError("invalid DeadConfig: need depth, width, steps, checkpoints ≥ 1 and lr > 0")

    def d_ff(self, variant: str) -> int:
        return max(1, matched_d_ff(self.width, variant, self.expansion))

    @property
    def eval_every(self) -> int:
        return max(1, self.steps // self.checkpoints)


class DeadMLP(nn.Module):
    def __init__(self, cfg: DeadConfig, variant: str, extent: float = data_mod.EXTENT):
        super().__init__()
        self.input_scale = 1.0 / extent
        self.embed = nn.Linear(2, cfg.width)
        self.blocks = nn.ModuleList(FeedForward(cfg.width, cfg.d_ff(variant), variant, bias=True)
                                    for _ in range(cfg.depth))  # fmt: skip
        self.head = nn.Linear(cfg.width, 1)

    def forward(self, p: Tensor) -> Tensor:  # (B, 2) -> (B,) logits
        h = self.embed(p * self.input_scale)  # (B, width)
        for block in self.blocks:
            h = h + block(h)  # block hidden: (B, d_ff)
        return self.head(h).squeeze(-1)


def unit_layer(block: FeedForward) -> nn.Linear:
    """The Linear whose outputs are the units' pre-activations."""
    return block.gate_proj if hasattr(block, "gate_proj") else block.up_proj


def _torch_default(layer: nn.Linear, gen: torch.Generator) -> None:
    nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=gen)
    bound = 1 / math.sqrt(layer.in_features)
    nn.init.uniform_(layer.bias, -bound, bound, generator=gen)


@torch.no_grad()
def rai_(layer: nn.Linear, gen: torch.Generator) -> None:
    """Randomized asymmetric initialisation (Lu et al. 2019): per unit j, (W_j, b_j) ~ N(0, σ²) with
    σ = 0.6007/√fan_in, then one of its fan_in + 1 entries, chosen uniformly, set to a Beta(2, 1) draw
    (= √U for U uniform on [0, 1], since Beta(2, 1) has CDF x²): positive, so symmetry is broken."""
    fan_out, fan_in = layer.weight.shape
    v = torch.randn(fan_out, fan_in + 1, generator=gen) * RAI_SCALE / math.sqrt(fan_in)
    k = torch.randint(0, fan_in + 1, (fan_out,), generator=gen)
    v[torch.arange(fan_out), k] = torch.rand(fan_out, generator=gen).sqrt()
    layer.weight.copy_(v[:, :-1])
    layer.bias.copy_(v[:, -1])


def build_model(cfg: DeadConfig, variant: str, probe_x: Tensor) -> DeadMLP:
    """The model for one variant, initialised from cfg.seed. Embedding and head come first from the
    generator, so all variants share them; `probe_x` is needed by the "centred" initialisation."""
    model = DeadMLP(cfg, variant)
    gen = torch.Generator().manual_seed(cfg.seed)
    for layer in [model.embed, model.head] + [m for b in model.blocks for m in b.modules() if isinstance(m, nn.Linear)]:
        _torch_default(layer, gen)
    with torch.no_grad():
        h = model.embed(probe_x * model.input_scale)  # for "centred": the input each block sees at birth
        for block in model.blocks:
            layer = unit_layer(block)
            if cfg.init == "he":
                nn.init.kaiming_normal_(layer.weight, nonlinearity="relu", generator=gen)
                layer.bias.zero_()
            elif cfg.init == "rai":
                rai_(layer, gen)
            elif cfg.init == "centred":
                layer.bias.sub_(layer(h).median(dim=0).values)  # median pre-activation 0
            layer.bias.sub_(cfg.shift)
            h = h + block(h)
    return model


def probe_order(x: Tensor, y: Tensor) -> Tensor:
    """Probe inputs sorted by label, then by angle around the origin: neighbouring columns of the heatmap
    are neighbouring points, so a unit's firing region shows as a band, not as noise."""
    angle = torch.atan2(x[:, 1], x[:, 0])
    return torch.from_numpy(np.lexsort((angle.numpy(), y.numpy())))


@dataclass(frozen=True)
class DeadRecord:
    step: int
    loss: float  # training loss (BCE or MSE) on the training set = the probe set
    accuracy: float | None  # None for regression
    dead: dict[str, tuple[float, ...]]  # ε (EPS_CHOICES string) -> dead fraction per layer
    sparsity: dict[str, tuple[float, ...]]  # ε -> mean share of units off per input, per layer


@dataclass(frozen=True)
class ArmState:
    """One trained network of a comparison: a variant (comparison) or a ReLU setting (revive comparison)."""

    arm: str  # the variant key, or a REVIVE_ARMS key
    variant: str
    cfg: DeadConfig  # this arm's own settings (revive arms differ in lr and init)
    d_ff: int
    params: int
    status: str  # "running" | "done" | "diverged" | "stopped"
    records: tuple[DeadRecord, ...]
    pre_init: tuple[np.ndarray, ...]  # per layer (N, d_ff) pre-activations at step 0, probe order
    pre_last: tuple[np.ndarray, ...]  # the same at the latest record


@dataclass(frozen=True)
class DeadState:
    """What the page draws: an immutable snapshot, published by the worker after every round."""

    kind: str  # "compare" (ReLU vs Swish vs SwiGLU) | "revive" (ReLU under gentler settings)
    cfg: DeadConfig  # the page's settings
    probe_x: np.ndarray  # (N, 2) probe inputs in heatmap order
    probe_y: np.ndarray  # (N,)
    arms: tuple[ArmState, ...] = field(default_factory=tuple)

    def arm(self, key: str) -> ArmState | None:
        return next((a for a in self.arms if a.arm == key), None)

    @property
    def finished(self) -> bool:
        return all(a.status != "running" for a in self.arms)


class DeadRun:
    """One arm's model, optimiser and measurements, advanced in chunks."""

    def __init__(self, arm: str, cfg: DeadConfig, variant: str, x: Tensor, y: Tensor, classification: bool):
        self.arm, self.cfg, self.variant = arm, cfg, variant
        self.x, self.y, self.classification = x, y, classification
        self.model = build_model(cfg, variant, x)
        self.opt = torch.optim.Adam(self.model.parameters(), lr=cfg.lr)
        self.step, self.status = 0, "running"
        self.records: list[DeadRecord] = []
        self.pre_init: tuple[np.ndarray, ...] = ()
        self.pre_last: tuple[np.ndarray, ...] = ()
        self.measure()
        self.pre_init = self.pre_last

    def loss(self, out: Tensor) -> Tensor:
        if self.classification:
            return F.binary_cross_entropy_with_logits(out, self.y)
        return F.mse_loss(out, self.y)

    def advance(self, n: int) -> None:
        for _ in range(min(n, self.cfg.steps - self.step)):
            loss = self.loss(self.model(self.x))
            if not math.isfinite(loss.item()):
                self.status = "diverged"  # keep the last good measurement
                return
            self.opt.zero_grad(set_to_none=True)
            loss.backward()
            self.opt.step()
            self.step += 1
        if self.step >= self.cfg.steps:
            self.status = "done"
        self.measure()

    @torch.no_grad()
    def measure(self) -> None:
        out = self.model(self.x)
        probes = probe(self.model, self.x)
        loss = self.loss(out).item()
        if not math.isfinite(loss) or any(not torch.isfinite(lp.pre).all() for lp in probes):
            self.status = "diverged"
            return
        acc = float(((out > 0) == (self.y > 0.5)).float().mean()) if self.classification else None
        dead, sparsity = {}, {}
        for e in EPS_CHOICES:
            layers = [layer_death(lp, float(e)) for lp in probes]
            dead[e] = tuple(ld.dead_fraction for ld in layers)
            sparsity[e] = tuple(ld.sparsity for ld in layers)
        self.records.append(DeadRecord(self.step, loss, acc, dead, sparsity))
        self.pre_last = tuple(lp.pre.numpy().copy() for lp in probes)

    def state(self) -> ArmState:
        params = sum(p.numel() for p in self.model.parameters())
        return ArmState(self.arm, self.variant, self.cfg, self.cfg.d_ff(self.variant), params, self.status,
                        tuple(self.records), self.pre_init, self.pre_last)


REVIVE_ARMS = ("asis", "lowlr", "lowlr_rai", "lowlr_centred")


def revive_configs(cfg: DeadConfig) -> dict[str, DeadConfig]:
    """The revive comparison: ReLU as set, then with a 10× lower learning rate, then also with an
    initialisation meant to avoid born-dead units (Lu et al.'s RAI, and our data-centred biases). Those two
    replace the whole initialisation, the bias shift δ included (δ is part of how the biases are born)."""
    low = dataclasses.replace(cfg, lr=cfg.lr / 10)
    return {"asis": cfg, "lowlr": low, "lowlr_rai": dataclasses.replace(low, init="rai", shift=0.0),
            "lowlr_centred": dataclasses.replace(low, init="centred", shift=0.0)}


def run_experiment(cfg: DeadConfig, kind: str = "compare", publish: Callable[[float, DeadState], None] | None = None,
                   should_stop: Callable[[], bool] | None = None) -> DeadState:  # fmt: skip
    """Train every arm, interleaved chunk by chunk (all curves grow together), publishing a DeadState after
    each round. kind "compare": one arm per variant of cfg; "revive": ReLU under revive_configs(cfg).
    The probe set is the training set, sorted for the heatmap."""
    data = data_mod.make(cfg.dataset, cfg.n_points, 0.0, cfg.seed)
    order = probe_order(data.x_train, data.y_train)
    x, y = data.x_train[order], data.y_train[order]
    cls = data.kind == "classification"
    if kind == "compare":
        runs = [DeadRun(v, cfg, v, x, y, cls) for v in cfg.variants]
    elif kind == "revive":
        runs = [DeadRun(k, c, "relu", x, y, cls) for k, c in revive_configs(cfg).items()]
    else:
        raise ValueError(f"unknown experiment kind {kind!r}")

    def snapshot() -> DeadState:
        return DeadState(kind, cfg, x.numpy().copy(), y.numpy().copy(), tuple(r.state() for r in runs))

    if publish:
        publish(0.0, snapshot())
    while any(r.status == "running" for r in runs):
        if should_stop is not None and should_stop():
            for r in runs:
                if r.status == "running":
                    r.status = "stopped"
            break
        for r in runs:
            if r.status == "running":
                r.advance(cfg.eval_every)
        if publish:
            done = sum(r.step if r.status == "running" else r.cfg.steps for r in runs)
            publish(done / sum(r.cfg.steps for r in runs), snapshot())
    return snapshot()


# ---- what the figures and the page read from a state ----


def dead_series(arm: ArmState, eps: str) -> tuple[list[int], list[list[float]]]:
    """Steps and, per layer, the dead fraction at each record."""
    steps = [r.step for r in arm.records]
    layers = len(arm.records[0].dead[eps]) if arm.records else 0
    return steps, [[r.dead[eps][k] for r in arm.records] for k in range(layers)]


def gate_map(arm: ArmState, layer: int, eps: float, last: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """The heatmap of one layer: g(pre) as (d_ff, N) with NaN where the unit is off for that input, and the
    dead mask (d_ff,). Dead units are rows of NaN: empty rows."""
    pre = torch.from_numpy((arm.pre_last if last else arm.pre_init)[layer])  # (N, d_ff)
    lp = LayerProbe(layer, arm.variant, 1.0, pre, None)
    ld = layer_death(lp, eps)
    z = lp.gate().numpy().T.astype(float)  # (d_ff, N)
    z[ld.off.numpy().T] = np.nan
    return z, ld.dead.numpy()


def death_vs_sparsity(state: DeadState, eps: float) -> list[dict]:
    """Per arm and layer, at the latest record: dead fraction, mean share of units off per input, and that
    share among the live units only (what remains of sparsity once the dead units are set aside)."""
    rows = []
    for arm in state.arms:
        for k, pre in enumerate(arm.pre_last):
            ld = layer_death(LayerProbe(k, arm.variant, 1.0, torch.from_numpy(pre), None), eps)
            alive = ld.sparsity_alive if math.isfinite(ld.sparsity_alive) else None  # None: every unit is dead
            rows.append({"arm": arm.arm, "variant": arm.variant, "layer": k + 1, "units": int(pre.shape[1]),
                         "dead": ld.dead_fraction, "off_per_input": ld.sparsity, "off_alive": alive,
                         "on_per_input": 1 - ld.sparsity})
    return rows


def summary_rows(state: DeadState, eps: str) -> list[dict]:
    """Per arm: its learning rate and initialisation, the dead fraction (mean over layers) at step 0 and at
    the latest record, and the final training loss and accuracy (the revive comparison's table)."""
    rows = []
    for arm in state.arms:
        if not arm.records:
            continue
        first, last = arm.records[0].dead[eps], arm.records[-1].dead[eps]
        rows.append({"arm": arm.arm, "lr": arm.cfg.lr, "init": arm.cfg.init, "shift": arm.cfg.shift,
                     "dead_start": float(np.mean(first)),
                     "dead_end": float(np.mean(last)), "loss": arm.records[-1].loss,
                     "accuracy": arm.records[-1].accuracy, "status": arm.status})
    return rows


def histogram(arm: ArmState, layer: int, bins: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Counts of the layer's pre-activations (all units, all probe inputs) before and after training, on
    shared bins: (bin centres, counts at step 0, counts at the latest record)."""
    a, b = arm.pre_init[layer].ravel(), arm.pre_last[layer].ravel()
    lo, hi = float(min(a.min(), b.min())), float(max(a.max(), b.max()))
    if not hi > lo:
        lo, hi = lo - 1, hi + 1
    edges = np.linspace(lo, hi, bins + 1)
    return (edges[:-1] + edges[1:]) / 2, np.histogram(a, edges)[0], np.histogram(b, edges)[0]


def matching_preset(values: dict) -> str | None:
    """The preset whose every setting equals the page's current value, if any."""
    return next((name for name, pr in presets().items() if all(values.get(k) == v for k, v in pr.items())), None)


def presets() -> dict[str, dict]:
    """Named settings for the page's preset buttons (keys are the page's URL settings)."""
    return {
        "kill": {"dlr": "0.03", "dinit": "torch", "dshift": 0.0},  # Adam at 0.03: most ReLU units die
        "born": {"dlr": "0.003", "dinit": "torch", "dshift": 1.0},  # biases −1: ReLU units dead at step 0
        "healthy": {"dlr": "0.003", "dinit": "torch", "dshift": 0.0},  # all learn; a few ReLU units born dead
        "revive": {"dlr": "0.003", "dinit": "centred", "dshift": 0.0},  # lower lr + no unit born dead
        "swishdies": {"dlr": "0.1", "dinit": "torch", "dshift": 0.0},  # far too high: Swish units die too
    }
