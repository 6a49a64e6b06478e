"""SwiGLU in the wild: the FFN sizes of real models, one typed row per model, each with its source, exactly as
the project's fact sheet (facts.md, "SwiGLU in the wild") gives them; everything derived (ratios, parameter counts, the
LLaMA formula's reproduction) is computed here from those numbers, never typed in.

d_ff is the width of ONE branch (HF `intermediate_size`): a gated block has three matrices of
d_model·d_ff weights (W, V: d_model × d_ff; W2: d_ff × d_model).
Some publications count both input branches together (Gemma's report, OLMo's mlp_hidden_size): those are
teaching notes (`TRAPS`), never data in this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import paper
from .ffn import ffn_param_count, is_gated, llama_hidden_dim


@dataclass(frozen=True)
class LlamaRule:
    """The arguments of meta-llama's FeedForward sizing (swiglu.ffn.llama_hidden_dim) for one model."""
    multiple_of: int = 256
    multiplier: float | None = None  # ffn_dim_multiplier; None in LLaMA 1 and the smaller Llama 2 models


@dataclass(frozen=True)
class Experts:
    """A mixture-of-experts FFN: each expert is a whole gated block of width d_ff."""
    d_ff: int
    routed: int  # experts a router chooses among
    active: int  # routed experts used per token
    shared: int = 0  # experts every token goes through (DeepSeek-V3)


@dataclass(frozen=True)
class Model:
    key: str  # stable URL / i18n key
    name: str  # the model's own name, the same in both languages
    family: str  # ratio chart groups and colours (see FAMILIES)
    d_model: int
    d_ff: int | None  # the dense FFN's branch width; None when every FFN layer is experts (Mixtral)
    layers: tuple[int, ...]  # T5: encoder + decoder
    variant: str  # the swiglu.ffn variant of the block ("swiglu", "geglu", "gelu")
    kind: str  # i18n key suffix "wild.kind.<kind>": the FFN column of facts.md in words
    source: str  # where the numbers were read (facts.md's source column)
    bias: bool = False
    llama: LlamaRule | None = None  # set for the LLaMA family: the formula must reproduce d_ff
    experts: Experts | None = None
    dense_layers: int = 0  # MoE models whose first layers keep a dense FFN (DeepSeek-V3: 3)
    secondary: bool = False  # facts.md marks the source [src, secondary]

    @property
    def block_d_ff(self) -> int:
        """The branch width of the FFN drawn and charted: the dense one, or one expert where all are experts."""
        return self.d_ff if self.d_ff is not None else self.experts.d_ff

    @property
    def ratio(self) -> float:
        return self.block_d_ff / self.d_model


_LLAMA_SRC = "meta-llama/llama MODEL_CARD.md Table 1 + llama/model.py (multiple_of 256)"
_LLAMA2_SRC = "meta-llama/llama llama/model.py"
_LLAMA3_SRC = "meta-llama/llama-models models/sku_list.py"
_MISTRAL_SRC = "mistralai/mistral-inference transformer_layers.py; transformers mistral config"
_GEMMA_SRC = "google/gemma_pytorch gemma/config.py"
_OLMO_SRC = "allenai/OLMo configs (mlp_ratio / mlp_hidden_size count both halves)"
_L256 = LlamaRule(256)


def _m(key, name, family, d_model, d_ff, layers, variant, kind, source, **kw) -> Model:
    return Model(key, name, family, d_model, d_ff, layers if isinstance(layers, tuple) else (layers,), variant, kind,
                 source, **kw)


MODELS: tuple[Model, ...] = (
    _m("llama-7b", "LLaMA 7B", "llama", 4096, 11008, 32, "swiglu", "swiglu_nobias", _LLAMA_SRC, llama=_L256),
    _m("llama-13b", "LLaMA 13B", "llama", 5120, 13824, 40, "swiglu", "swiglu_nobias", _LLAMA_SRC, llama=_L256),
    _m("llama-33b", "LLaMA 33B", "llama", 6656, 17920, 60, "swiglu", "swiglu_nobias", _LLAMA_SRC, llama=_L256),
    _m("llama-65b", "LLaMA 65B", "llama", 8192, 22016, 80, "swiglu", "swiglu_nobias", _LLAMA_SRC, llama=_L256),
    _m("llama2-7b", "Llama 2 7B", "llama", 4096, 11008, 32, "swiglu", "swiglu", _LLAMA2_SRC, llama=_L256),
    _m("llama2-13b", "Llama 2 13B", "llama", 5120, 13824, 40, "swiglu", "swiglu", _LLAMA2_SRC, llama=_L256),
    _m("llama2-70b", "Llama 2 70B", "llama", 8192, 28672, 80, "swiglu", "swiglu",
       _LLAMA2_SRC + "; 70B: multiplier 1.3, multiple_of 4096", llama=LlamaRule(4096, 1.3)),
    _m("llama3-8b", "Llama 3 / 3.1 8B", "llama3", 4096, 14336, 32, "swiglu", "swiglu",
       _LLAMA3_SRC + " (8B: multiple_of 1024, multiplier 1.3)", llama=LlamaRule(1024, 1.3)),
    _m("llama3-70b", "Llama 3 / 3.1 70B", "llama3", 8192, 28672, 80, "swiglu", "swiglu",
       _LLAMA3_SRC + " (70B: multiple_of 4096, multiplier 1.3)", llama=LlamaRule(4096, 1.3)),
    _m("llama31-405b", "Llama 3.1 405B", "llama3", 16384, 53248, 126, "swiglu", "swiglu",
       _LLAMA3_SRC + " (multiplier 1.2, multiple_of 4096)", llama=LlamaRule(4096, 1.2)),
    _m("mistral-7b", "Mistral 7B", "mistral", 4096, 14336, 32, "swiglu", "swiglu", _MISTRAL_SRC),
    _m("mixtral-8x7b", "Mixtral 8x7B", "mistral", 4096, None, 32, "swiglu", "swiglu_experts",
       "mistralai/mistral-inference", experts=Experts(14336, routed=8, active=2)),
    _m("qwen2-7b", "Qwen2-7B", "qwen", 3584, 18944, 28, "swiglu", "swiglu", "Qwen/Qwen2-7B config.json"),
    _m("phi3-mini", "Phi-3-mini-4k", "phi", 3072, 8192, 32, "swiglu", "swiglu_fused",
       "transformers phi3 configuration"),
    _m("gemma-2b", "Gemma 2B", "gemma", 2048, 16384, 18, "geglu", "geglu_tanh", _GEMMA_SRC),
    _m("gemma-7b", "Gemma 7B", "gemma", 3072, 24576, 28, "geglu", "geglu_tanh", _GEMMA_SRC),
    _m("gemma2-2b", "Gemma 2 2B", "gemma2", 2304, 9216, 26, "geglu", "geglu_tanh", _GEMMA_SRC),
    _m("gemma2-9b", "Gemma 2 9B", "gemma2", 3584, 14336, 42, "geglu", "geglu_tanh", _GEMMA_SRC),
    _m("gemma2-27b", "Gemma 2 27B", "gemma2", 4608, 36864, 46, "geglu", "geglu_tanh", _GEMMA_SRC),
    _m("olmo-1b", "OLMo 1B", "olmo", 2048, 8192, 16, "swiglu", "swiglu_nobias", _OLMO_SRC),
    _m("olmo-7b", "OLMo 7B", "olmo", 4096, 11008, 32, "swiglu", "swiglu_nobias", _OLMO_SRC),
    _m("deepseek-v3", "DeepSeek-V3", "deepseek", 7168, 18432, 61, "swiglu", "swiglu_moe",
       "deepseek-ai/DeepSeek-V3 inference/configs/config_671B.json",
       experts=Experts(2048, routed=256, active=8, shared=1), dense_layers=3),
    _m("t5-v1.1-base", "T5 v1.1 base", "t5", 768, 2048, (12, 12), "geglu", "geglu_t5",
       "google-research/text-to-text-transfer-transformer t5.1.1.base.gin"),
    _m("palm-540b", "PaLM 540B", "palm", 18432, 73728, 118, "swiglu", "swiglu_palm", "PaLM paper §2, Table 1",
       secondary=True),
    _m("gpt2-small", "GPT-2 small", "plain", 768, 3072, 12, "gelu", "gelu_bias", "openai/gpt-2 src/model.py",
       bias=True),
    _m("bert-base", "BERT-base", "plain", 768, 3072, 12, "gelu", "gelu_bias", "google-research/bert modeling.py",
       bias=True),
)
BY_KEY: dict[str, Model] = {m.key: m for m in MODELS}
KEYS: tuple[str, ...] = tuple(BY_KEY)
DEFAULT = "llama3-8b"  # the and facts.md's worked example: 3·4096·14336 = 176,160,768 per layer
FAMILIES = ("llama", "llama3", "mistral", "qwen", "phi", "gemma", "gemma2", "olmo", "deepseek", "t5", "palm", "plain")
TWO_THIRDS_RATIO = 2 / 3 * 4  # d_ff / d_model of Shazeer's 2/3 rule applied to 4·d (LLaMA's starting point)
PLAIN_RATIO = 4.0  # the classic 4·d of a plain FFN (GPT-2, BERT) and of PaLM's unshrunk SwiGLU


def llama_reproduction(m: Model) -> int | None:
    """d_ff computed by meta-llama's formula with this model's multiple_of and multiplier (None outside LLaMA)."""
    if m.llama is None:
        return None
    return llama_hidden_dim(m.d_model, m.llama.multiple_of, m.llama.multiplier)


def block_params(m: Model) -> dict[str, int | None]:
    """Parameters of one FFN block: `dense` (3·d·d_ff gated, 2·d·d_ff plain, + biases where the model has them),
    `expert` (one expert's block), `experts` (how many a MoE layer holds: routed + shared) and `active` (how many
    a token uses: active routed + shared). Keys that do not apply are None."""
    out: dict[str, int | None] = {"dense": None, "expert": None, "experts": None, "active": None}
    if m.d_ff is not None:
        out["dense"] = ffn_param_count(m.d_model, m.d_ff, m.variant, bias=m.bias)
    if m.experts is not None:
        e = m.experts
        out.update(expert=ffn_param_count(m.d_model, e.d_ff, m.variant, bias=m.bias), experts=e.routed + e.shared,
                   active=e.active + e.shared)
    return out


def both_halves(m: Model) -> int:
    """The gate and up widths added together: what the Gemma report's FFN column and OLMo's mlp_hidden_size
    print. Only gated blocks have two halves."""
    if not is_gated(m.variant):
        raise ValueError(f"{m.name} has a plain FFN: one input branch, no halves to add")
    return 2 * m.block_d_ff


def layers_total(m: Model) -> int:
    return sum(m.layers)


# Teaching notes, not data: what a reader of the sources trips over (facts.md, "Traps to teach"); the texts are
# "wild.trap.<name>", filled with `trap_numbers()`.
TRAPS = ("gemma", "olmo", "llama3_paper", "sku_list")


def trap_numbers() -> dict[str, int]:
    """The numbers the trap notes quote, computed from the table's rows: Gemma's report prints 2·d_ff
    (google/gemma_pytorch issue 2), OLMo's mlp_hidden_size is 2·d_ff."""
    g2, g7, o1, o7 = (BY_KEY[k] for k in ("gemma-2b", "gemma-7b", "olmo-1b", "olmo-7b"))
    return {"gemma2b": g2.d_ff, "gemma2b_both": both_halves(g2), "gemma7b": g7.d_ff, "gemma7b_both": both_halves(g7),
            "olmo1b": o1.d_ff, "olmo1b_both": both_halves(o1), "olmo7b": o7.d_ff, "olmo7b_both": both_halves(o7)}


def get(key: str) -> Model:
    """The model for a key from the URL; an unknown key (already answered by swiglu.state) gets the default."""
    return BY_KEY.get(key, BY_KEY[DEFAULT])


def param_formula(m: Model, d_ff: int) -> str:
    """The count of `block_params` as a product to read: "3 · 4,096 · 14,336" (gated), "2 · 768 · 3,072 + 3,072 +
    768" (plain with biases: one input bias of d_ff, one output bias of d_model)."""
    gated = is_gated(m.variant)
    text = f"{3 if gated else 2} · {m.d_model:,} · {d_ff:,}"
    if m.bias:
        text += (f" + 2 · {d_ff:,}" if gated else f" + {d_ff:,}") + f" + {m.d_model:,}"
    return text


def llama_steps(m: Model) -> dict[str, int | float | None] | None:
    """Every step of meta-llama's sizing for this model (swiglu.paper.llama_steps), with its multiplier and
    multiple_of and the published d_ff; None outside the LLaMA family."""
    if m.llama is None:
        return None
    s = paper.llama_steps(m.d_model, m.llama.multiple_of, m.llama.multiplier)
    return {**s, "d": m.d_model, "multiple_of": m.llama.multiple_of, "multiplier": m.llama.multiplier,
            "published": m.d_ff}


DRIFT = {"llama": "llama-7b", "llama3": "llama3-8b", "mistral": "mistral-7b", "qwen": "qwen2-7b", "gemma": "gemma-7b"}


def drift() -> dict[str, float]:
    """d_ff / d_model of the models the page names when it tells the drift away from the 2/3 rule, and the rule."""
    return {**{name: BY_KEY[key].ratio for name, key in DRIFT.items()}, "rule": TWO_THIRDS_RATIO}
