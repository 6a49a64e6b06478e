"""Every URL setting of every page in one typed table: parse (strings in, clamped values out),
serialise (values out, a link that reproduces the view), and the notices a page shows about bad input.

Modelled on TensorFlow Playground's state.ts: one table, everything (seed included) in the URL.
URL values are untrusted: nothing here raises on any input; bad values fall back or are clamped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from .activations import ACTIVATIONS, GATES
from .data import DATASETS
from .dead import EPS_CHOICES as DEAD_EPS
from .experiments.dead_relu import INITS as DEAD_INITS
from .experiments.dead_relu import LRS as DEAD_LRS
from .experiments.dead_relu import VARIANTS as DEAD_VARIANTS
from .ffn import VARIANTS
from .models import DEFAULT as DEFAULT_MODEL
from .models import KEYS as MODEL_KEYS
from .train import OPTIMIZERS

MAX_RAW_LEN = 1000  # longer raw values are rejected before any parsing
MAX_PARAMS = 100  # query keys beyond this many are ignored
TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


@dataclass(frozen=True)
class Setting:
    name: str  # the URL key; also the widget key suffix and the i18n label key "set.<name>"
    kind: str  # "float" | "int" | "bool" | "choice" | "multi" | "text" | "floats"
    default: Any
    pages: tuple[str, ...]  # page ids this setting belongs to ("*" = every page)
    lo: float | None = None
    hi: float | None = None
    step: float | None = None  # slider step (UI hint; parsed values are not snapped)
    choices: tuple[str, ...] = ()
    max_len: int = 200  # for "text", and the item count for "multi" / "floats"
    hideable: bool = True  # may a teacher hide its control?

    def on_page(self, page: str) -> bool:
        return "*" in self.pages or page in self.pages


@dataclass(frozen=True)
class Notice:
    name: str  # which setting
    code: str  # "invalid" | "clamped" | "too_long" | "repeated" | "unknown_choice"


def _s(name, kind, default, pages, **kw) -> Setting:
    return Setting(name, kind, default, tuple(pages.split()), **kw)


_ALL = "*"
SWISH_REF_BETAS = ("0", "0.5", "1", "1.702", "2", "5", "10")
TRAIN_LRS = ("0.00001", "0.0001", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10")

_TABLE: list[Setting] = [
    # --- every page ---
    _s("lang", "choice", "en", _ALL, choices=("en", "zh"), hideable=False),
    _s("big", "bool", False, _ALL, hideable=False),  # large fonts for a projector
    _s("hide", "multi", (), _ALL, choices=(), max_len=40, hideable=False),  # teacher: controls to hide
    # --- /swish ---
    _s("beta", "float", 1.0, "swish gradients glu", lo=0.0, hi=10.0, step=0.05),
    _s("betas", "multi", ("0", "1", "10"), "swish", choices=SWISH_REF_BETAS, max_len=len(SWISH_REF_BETAS)),
    _s("refs", "multi", ("relu", "half"), "swish", choices=("relu", "gelu", "silu", "half"), max_len=4),
    _s("xrange", "float", 6.0, "swish gradients", lo=1.0, hi=20.0, step=0.5),
    _s("f", "text", "", "swish", max_len=200),  # the student's own activation (restricted parser)
    # --- /glu ---
    _s("gate", "choice", "swiglu", "glu", choices=tuple(GATES)),
    _s("cmp", "multi", tuple(GATES), "glu", choices=tuple(GATES), max_len=len(GATES)),
    _s("bval", "float", 1.0, "glu gradients home", lo=-4.0, hi=4.0, step=0.1),  # home: its opening chart
    _s("dmodel", "int", 6, "glu", lo=4, hi=8, step=1),
    _s("dff", "int", 8, "glu", lo=4, hi=16, step=1),
    _s("tok", "floats", (1.0, -0.5, 0.8, -1.2, 0.3, 2.0, -2.0, 0.6), "glu", lo=-3.0, hi=3.0, step=0.1, max_len=8),
    # --- /gradients ---
    _s("acts", "multi", ("relu", "gelu", "silu", "swish"), "gradients", choices=tuple(ACTIVATIONS),
       max_len=len(ACTIVATIONS)),
    _s("depth", "int", 12, "gradients", lo=2, hi=48, step=1),
    _s("width", "int", 64, "gradients", lo=8, hi=256, step=8),
    _s("init", "choice", "torch", "gradients", choices=("torch", "xavier", "kaiming", "small")),
    _s("resid", "bool", False, "gradients"),  # pre-norm residual blocks; off shows each activation's own effect
    # --- /ffn ---
    _s("dm", "int", 768, "ffn", lo=16, hi=16384, step=16),
    _s("expansion", "float", 4.0, "ffn", lo=1.0, hi=8.0, step=0.5),
    _s("variant", "choice", "swiglu", "ffn", choices=VARIANTS),
    _s("ldm", "int", 8, "ffn", lo=2, hi=32, step=1),  # live-shapes demo: d_model small enough to see every cell
    _s("ltok", "int", 4, "ffn", lo=1, hi=12, step=1),  # live-shapes demo: tokens in the batch
    _s("model", "choice", DEFAULT_MODEL, "ffn", choices=MODEL_KEYS),  # "SwiGLU in the wild": the block drawn
    # --- /paper ---
    _s("va", "choice", "swiglu", "paper", choices=VARIANTS),  # gap in std units: this variant ...
    _s("vb", "choice", "relu", "paper", choices=VARIANTS),  # ... against this one
    # --- /train (TrainConfig defaults; lr choices are TensorFlow Playground's) ---
    _s("dataset", "choice", "circle", "train", choices=tuple(DATASETS)),
    _s("noise", "float", 0.0, "train", lo=0.0, hi=0.5, step=0.05),
    _s("ratio", "float", 0.5, "train", lo=0.1, hi=0.9, step=0.1),
    _s("variants", "multi", ("relu", "swiglu"), "train", choices=VARIANTS, max_len=len(VARIANTS)),
    _s("twidth", "int", 16, "train", lo=2, hi=64, step=2),
    _s("tdepth", "int", 2, "train", lo=1, hi=4, step=1),
    _s("tmatch", "bool", True, "train"),  # 2/3 rule: gated variants get the same parameter budget
    _s("lr", "choice", "0.003", "train", choices=TRAIN_LRS),
    _s("batch", "int", 250, "train", lo=1, hi=500, step=1),
    _s("opt", "choice", "adam", "train", choices=OPTIMIZERS),
    _s("steps", "int", 1000, "train", lo=10, hi=10_000, step=10),
    _s("tbeta", "float", 1.0, "train", lo=0.0, hi=5.0, step=0.1),
    _s("learnbeta", "bool", False, "train"),
    _s("discrete", "bool", False, "train"),
    _s("showtest", "bool", False, "train"),
    # --- /dead-relu (DeadConfig defaults in swiglu/experiments/dead_relu.py) ---
    _s("ddata", "choice", "spiral", "dead-relu", choices=tuple(DATASETS)),
    _s("ddepth", "int", 3, "dead-relu", lo=1, hi=6, step=1),
    _s("dwidth", "int", 16, "dead-relu", lo=4, hi=48, step=4),
    _s("dinit", "choice", "torch", "dead-relu", choices=DEAD_INITS),
    _s("dlr", "choice", "0.003", "dead-relu", choices=DEAD_LRS),
    _s("dshift", "float", 0.0, "dead-relu", lo=0.0, hi=3.0, step=0.25),
    _s("dsteps", "int", 600, "dead-relu", lo=100, hi=3000, step=100),
    _s("deps", "choice", "0.01", "dead-relu", choices=DEAD_EPS),
    _s("dview", "choice", "relu", "dead-relu", choices=DEAD_VARIANTS),  # the heatmap/histogram's network
    _s("dlayer", "int", 1, "dead-relu", lo=1, hi=6, step=1),
    _s("seed", "int", 0, "ffn glu gradients train dead-relu", lo=0, hi=999_999, step=1),
]

SETTINGS: dict[str, Setting] = {s.name: s for s in _TABLE}
# "hide" may name any hideable setting.
SETTINGS["hide"] = Setting(
    "hide", "multi", (), ("*",), choices=tuple(s.name for s in _TABLE if s.hideable), max_len=40, hideable=False
)


def page_settings(page: str) -> list[Setting]:
    return [s for s in SETTINGS.values() if s.on_page(page)]


def defaults(page: str) -> dict[str, Any]:
    return {s.name: s.default for s in page_settings(page)}


def _parse_float(raw: str) -> float | None:
    try:
        v = float(raw.strip())
    except (ValueError, OverflowError):
        return None
    return v if math.isfinite(v) else None


def _clamp(s: Setting, v: float) -> tuple[float, bool]:
    lo = -math.inf if s.lo is None else s.lo
    hi = math.inf if s.hi is None else s.hi
    c = min(max(v, lo), hi)
    return c, c != v


def parse_value(s: Setting, raw: str) -> tuple[Any, str | None]:
    """One raw string -> (value, notice code or None). Never raises."""
    if not isinstance(raw, str):
        return s.default, "invalid"
    if len(raw) > max(MAX_RAW_LEN, s.max_len) or (s.kind == "text" and len(raw) > s.max_len):
        return s.default, "too_long"
    if s.kind in ("float", "int"):
        v = _parse_float(raw)
        if v is None or (s.kind == "int" and v != int(v)):
            return s.default, "invalid"
        v, clamped = _clamp(s, v)
        return (int(v) if s.kind == "int" else float(v)), ("clamped" if clamped else None)
    if s.kind == "bool":
        word = raw.strip().lower()
        if word in TRUE_WORDS or word in FALSE_WORDS:
            return word in TRUE_WORDS, None
        return s.default, "invalid"
    if s.kind == "choice":
        word = raw.strip()
        return (word, None) if word in s.choices else (s.default, "unknown_choice")
    if s.kind == "multi":
        items = [w.strip() for w in raw.split(",") if w.strip()]
        kept = tuple(dict.fromkeys(w for w in items if w in s.choices))[: s.max_len]
        return kept, ("unknown_choice" if len(kept) != len(items) else None)
    if s.kind == "floats":
        items = raw.split(",")
        if not raw.strip() or len(items) > s.max_len:
            return s.default, "invalid"
        vals = [_parse_float(w) for w in items]
        if any(v is None for v in vals):
            return s.default, "invalid"
        clamped = [_clamp(s, v) for v in vals]
        return tuple(c for c, _ in clamped), ("clamped" if any(f for _, f in clamped) else None)
    if s.kind == "text":
        cleaned = "".join(ch for ch in raw if ch.isprintable())
        return cleaned, None
    return s.default, "invalid"


def parse(params: Mapping[str, str | Sequence[str]], page: str) -> tuple[dict[str, Any], list[Notice]]:
    """Query parameters (a value or a list of repeated values per key) -> (values, notices).

    Keys that are not settings of `page` are ignored; a repeated key keeps its last value.
    """
    values = defaults(page)
    notices: list[Notice] = []
    for i, (key, raw) in enumerate(params.items()):
        if i >= MAX_PARAMS:
            break
        s = SETTINGS.get(key) if isinstance(key, str) else None
        if s is None or not s.on_page(page):
            continue
        if not isinstance(raw, str):
            raw = list(raw)
            if not raw:
                continue
            if len(raw) > 1:
                notices.append(Notice(key, "repeated"))
            raw = raw[-1]
        value, code = parse_value(s, raw)
        values[key] = value
        if code:
            notices.append(Notice(key, code))
    return values, notices


def format_value(s: Setting, v: Any) -> str:
    if s.kind == "bool":
        return "1" if v else "0"
    if s.kind == "float":
        return repr(float(v))
    if s.kind in ("multi", "floats"):
        return ",".join(repr(float(x)) if s.kind == "floats" else str(x) for x in v)
    return str(v)


def serialise(values: Mapping[str, Any], page: str, only_changed: bool = False) -> dict[str, str]:
    """Values -> query parameters for `page` (every page setting, so a link pins the view exactly)."""
    out: dict[str, str] = {}
    for s in page_settings(page):
        if s.name not in values:
            continue
        v = values[s.name]
        if only_changed and v == s.default:
            continue
        if s.kind in ("multi", "text") and s.name in ("hide", "f") and not v:
            continue  # empty optional extras stay out of the link
        out[s.name] = format_value(s, v)
    return out


def query_string(values: Mapping[str, Any], page: str) -> str:
    return urlencode(serialise(values, page), safe=",")


def hideable(page: str) -> list[str]:
    return [s.name for s in page_settings(page) if s.hideable]


__all__ = ["SETTINGS", "Setting", "Notice", "parse", "serialise", "query_string", "page_settings", "defaults"]
