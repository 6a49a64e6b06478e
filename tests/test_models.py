"""swiglu.models, the "SwiGLU in the wild" table, against /work/shared/facts.md: every size as the sheet gives it,
every LLaMA-family d_ff reproduced by llama_hidden_dim, ratios and parameter counts computed."""

import pytest

from swiglu import models, state
from swiglu.ffn import ffn_param_count, llama_hidden_dim

# facts.md, "SwiGLU in the wild", typed again here row by row: (d_model, d_ff, layers) per model key.
FACTS = {
    "llama-7b": (4096, 11008, (32,)), "llama-13b": (5120, 13824, (40,)), "llama-33b": (6656, 17920, (60,)),
    "llama-65b": (8192, 22016, (80,)),
    "llama2-7b": (4096, 11008, (32,)), "llama2-13b": (5120, 13824, (40,)), "llama2-70b": (8192, 28672, (80,)),
    "llama3-8b": (4096, 14336, (32,)), "llama3-70b": (8192, 28672, (80,)), "llama31-405b": (16384, 53248, (126,)),
    "mistral-7b": (4096, 14336, (32,)), "mixtral-8x7b": (4096, None, (32,)),
    "qwen2-7b": (3584, 18944, (28,)), "phi3-mini": (3072, 8192, (32,)),
    "gemma-2b": (2048, 16384, (18,)), "gemma-7b": (3072, 24576, (28,)),
    "gemma2-2b": (2304, 9216, (26,)), "gemma2-9b": (3584, 14336, (42,)), "gemma2-27b": (4608, 36864, (46,)),
    "olmo-1b": (2048, 8192, (16,)), "olmo-7b": (4096, 11008, (32,)),
    "deepseek-v3": (7168, 18432, (61,)), "t5-v1.1-base": (768, 2048, (12, 12)), "palm-540b": (18432, 73728, (118,)),
    "gpt2-small": (768, 3072, (12,)), "bert-base": (768, 3072, (12,)),
}
# The repository (or paper) each facts.md row names as its source.
SOURCES = {
    "llama-": "meta-llama/llama MODEL_CARD.md", "llama2-": "meta-llama/llama llama/model.py",
    "llama3": "meta-llama/llama-models models/sku_list.py", "mistral-": "mistralai/mistral-inference",
    "mixtral-": "mistralai/mistral-inference", "qwen2-": "Qwen/Qwen2-7B config.json",
    "phi3-": "transformers phi3 configuration", "gemma": "google/gemma_pytorch gemma/config.py",
    "olmo-": "allenai/OLMo configs", "deepseek-": "deepseek-ai/DeepSeek-V3 inference/configs/config_671B.json",
    "t5-": "google-research/text-to-text-transfer-transformer t5.1.1.base.gin", "palm-": "PaLM paper §2, Table 1",
    "gpt2-": "openai/gpt-2 src/model.py", "bert-": "google-research/bert modeling.py",
}
# The brief's and facts.md's (multiplier, multiple_of) per LLaMA-family model.
LLAMA_RULES = {**{k: (None, 256) for k in ("llama-7b", "llama-13b", "llama-33b", "llama-65b", "llama2-7b",
                                           "llama2-13b")},
               "llama2-70b": (1.3, 4096), "llama3-8b": (1.3, 1024), "llama3-70b": (1.3, 4096),
               "llama31-405b": (1.2, 4096)}


def test_the_table_is_facts_md_row_for_row():
    assert set(models.KEYS) == set(FACTS) and len(models.KEYS) == len(models.MODELS)
    for m in models.MODELS:
        assert (m.d_model, m.d_ff, m.layers) == FACTS[m.key], m.key
        prefix = next(p for p in sorted(SOURCES, key=len, reverse=True) if m.key.startswith(p))
        assert m.source.startswith(SOURCES[prefix]), m.key
        assert m.name and m.variant in ("swiglu", "geglu", "gelu")


def test_kinds_of_ffn_are_the_facts_columns():
    by = models.BY_KEY
    assert {k for k, m in by.items() if m.variant == "geglu"} == {
        "gemma-2b", "gemma-7b", "gemma2-2b", "gemma2-9b", "gemma2-27b", "t5-v1.1-base"}
    assert {k for k, m in by.items() if m.variant == "gelu"} == {k for k, m in by.items() if m.bias} == {
        "gpt2-small", "bert-base"}
    assert by["mixtral-8x7b"].experts == models.Experts(14336, routed=8, active=2)
    assert by["deepseek-v3"].experts == models.Experts(2048, routed=256, active=8, shared=1)
    assert by["deepseek-v3"].dense_layers == 3 and by["palm-540b"].secondary


def test_every_llama_family_row_is_reproduced_by_the_formula():
    family = {m.key: m for m in models.MODELS if m.llama is not None}
    assert set(family) == set(LLAMA_RULES)
    for key, m in family.items():
        assert (m.llama.multiplier, m.llama.multiple_of) == LLAMA_RULES[key]
        mult, multiple_of = LLAMA_RULES[key]
        assert models.llama_reproduction(m) == llama_hidden_dim(m.d_model, multiple_of, mult) == m.d_ff, key
        steps = models.llama_steps(m)
        assert steps["hidden"] == steps["published"] == m.d_ff and steps["d"] == m.d_model
    assert models.llama_reproduction(models.BY_KEY["mistral-7b"]) is None
    assert models.llama_steps(models.BY_KEY["qwen2-7b"]) is None


def test_the_formula_needs_each_models_own_rule():
    """The reproduction is not automatic: LLaMA 1's rule gives Llama 3 8B the wrong d_ff, as a check can fail."""
    assert llama_hidden_dim(4096) == 11008 != models.BY_KEY["llama3-8b"].d_ff
    assert llama_hidden_dim(16384, 4096, 1.3) != models.BY_KEY["llama31-405b"].d_ff


def test_ratios_of_facts_md():
    r = {k: round(m.ratio, 2) for k, m in models.BY_KEY.items()}
    assert r["llama-7b"] == 2.69 and r["llama3-8b"] == 3.5 and r["mistral-7b"] == 3.5
    assert r["qwen2-7b"] == 5.29 and r["gemma-2b"] == r["gemma-7b"] == 8.0
    assert models.BY_KEY["phi3-mini"].ratio == pytest.approx(8 / 3)  # "8192 (= 8/3·d exactly)"
    assert models.BY_KEY["mixtral-8x7b"].ratio == 14336 / 4096  # one expert where every FFN is experts
    assert models.BY_KEY["deepseek-v3"].ratio == 18432 / 7168  # the dense FFN
    d = models.drift()
    assert d == {"llama": 11008 / 4096, "llama3": 14336 / 4096, "mistral": 14336 / 4096, "qwen": 18944 / 3584,
                 "gemma": 24576 / 3072, "rule": 8 / 3}


def test_parameters_per_block():
    p = {k: models.block_params(m) for k, m in models.BY_KEY.items()}
    assert p["llama3-8b"]["dense"] == 3 * 4096 * 14336 == 176_160_768  # facts.md [calc]
    assert p["t5-v1.1-base"]["dense"] == 3 * 768 * 2048 == 4_718_592
    assert p["gpt2-small"]["dense"] == 2 * 768 * 3072 + 3072 + 768  # c_fc and c_proj with biases
    assert p["mixtral-8x7b"] == {"dense": None, "expert": 3 * 4096 * 14336, "experts": 8, "active": 2}
    assert p["deepseek-v3"] == {"dense": 3 * 7168 * 18432, "expert": 3 * 7168 * 2048, "experts": 257, "active": 9}
    for key, m in models.BY_KEY.items():
        if m.d_ff is not None:
            assert p[key]["dense"] == ffn_param_count(m.d_model, m.d_ff, m.variant, bias=m.bias)


@pytest.mark.parametrize("key", models.KEYS)
def test_param_formula_reads_as_the_count(key):
    m = models.BY_KEY[key]
    d_ff = m.block_d_ff
    terms = models.param_formula(m, d_ff).split(" + ")
    total = 0
    for term in terms:
        product = 1
        for factor in term.split(" · "):
            product *= int(factor.replace(",", ""))
        total += product
    assert total == ffn_param_count(m.d_model, d_ff, m.variant, bias=m.bias)


def test_trap_numbers_are_both_halves():
    n = models.trap_numbers()
    assert (n["gemma2b_both"], n["gemma7b_both"]) == (32768, 49152)  # the Gemma report's FFN column
    assert (n["olmo1b_both"], n["olmo7b_both"]) == (16384, 22016)  # OLMo's mlp_hidden_size
    assert (n["gemma2b"], n["gemma7b"], n["olmo1b"], n["olmo7b"]) == (16384, 24576, 8192, 11008)
    with pytest.raises(ValueError):
        models.both_halves(models.BY_KEY["gpt2-small"])
    # the model's own row keeps one branch: the printed both-halves number is twice the table's d_ff
    assert n["gemma7b_both"] == 2 * models.BY_KEY["gemma-7b"].d_ff
    assert n["olmo7b_both"] == 2 * models.BY_KEY["olmo-7b"].d_ff


def test_model_setting_is_validated():
    s = state.SETTINGS["model"]
    assert s.kind == "choice" and s.choices == models.KEYS and s.default == models.DEFAULT == "llama3-8b"
    assert state.parse({"model": "gemma-7b"}, "ffn") == ({**state.defaults("ffn"), "model": "gemma-7b"}, [])
    values, notices = state.parse({"model": "<script>alert(1)</script>"}, "ffn")
    assert values["model"] == "llama3-8b" and notices == [state.Notice("model", "unknown_choice")]
    assert state.parse({"model": "gemma-7b"}, "glu")[0].get("model") is None  # only on /ffn
    assert models.get("nonsense") is models.BY_KEY["llama3-8b"]
