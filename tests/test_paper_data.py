"""Shazeer 2020 Tables 1-4 and the LLaMA/PaLM sizes as data: hand-written values, the facts sheet
(../shared/facts.md, parsed when present), and the derived claims the /paper and /ffn pages make."""

import math
import pathlib
import re

import pytest

from swiglu import paper
from swiglu.ffn import VARIANTS, llama_hidden_dim
from swiglu.timing import OPS, measure

# The facts sheet lives beside the repository (../shared/facts.md), not in it; a git worktree sits one level
# deeper, so look in every parent folder.
FACTS = next((d / "shared" / "facts.md" for d in pathlib.Path(__file__).resolve().parents
              if (d / "shared" / "facts.md").exists()), pathlib.Path("../shared/facts.md"))
NAMES = {"ReLU": "relu", "GELU": "gelu", "Swish": "swish", "GLU": "glu", "Bilinear": "bilinear",
         "GEGLU": "geglu", "SwiGLU": "swiglu", "ReGLU": "reglu", "Raffel et al. 2019": "raffel"}


def test_hand_written_values():
    assert paper.TABLE1["swiglu"] == paper.Perplexity(1.944, 0.010, 1.636)
    assert paper.TABLE1["geglu"].long == 1.633 and paper.TABLE1["relu"].short == 1.997
    assert paper.TABLES234["reglu"].glue == 84.67 and paper.TABLES234["swiglu"].superglue == 74.56
    assert paper.TABLES234["raffel"] == paper.FineTune(83.28, 71.36, 80.88, 88.81)
    assert set(paper.TABLE1) == set(VARIANTS) and set(paper.TABLES234) == {*VARIANTS, "raffel"}
    assert paper.SETUP["steps"] == 524_288 and paper.SETUP["short_steps"] == 65_536


def _facts_text() -> str:
    if not FACTS.exists():
        pytest.skip("../shared/facts.md is not present here")
    return FACTS.read_text(encoding="utf-8")


def test_table1_matches_the_facts_sheet_exactly():
    rows = re.findall(r"^\| (\w+) \| ([\d.]+) \(([\d.]+)\) \| ([\d.]+) \|$", _facts_text(), re.M)
    assert len(rows) == 8
    assert [NAMES[n] for n, *_ in rows] == list(paper.TABLE1)  # same order
    for name, short, std, long in rows:
        assert paper.TABLE1[NAMES[name]] == paper.Perplexity(float(short), float(std), float(long)), name
        # and the same digits, not only the same float
        p = paper.TABLE1[NAMES[name]]
        assert (f"{p.short:.3f}", f"{p.short_std:.3f}", f"{p.long:.3f}") == (short, std, long)


def test_tables234_match_the_facts_sheet_exactly():
    pattern = r"^\| ([\w. ]+?) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) / ([\d.]+) \|$"
    rows = re.findall(pattern, _facts_text(), re.M)
    assert len(rows) == 9
    assert [NAMES[n] for n, *_ in rows] == list(paper.TABLES234)
    for name, *vals in rows:
        got = paper.TABLES234[NAMES[name]]
        assert [f"{getattr(got, t):.2f}" for t in paper.TASKS] == vals, name


def test_quote_and_setup_match_the_facts_sheet():
    text = _facts_text()
    assert paper.QUOTE in " ".join(text.split())
    for n in ("768", "3072", "2048", "524,288", "65,536", "4,718,592"):
        assert n in text
    for m in paper.LLAMA_MODELS:
        assert f"{m.dim} → {m.hidden}" in text, m.name


def test_the_pages_claims():
    assert paper.best_perplexity(long=True) == "geglu"  # not SwiGLU
    assert paper.best_perplexity(long=False) == "geglu"
    assert paper.best_task("glue") == "reglu" and paper.best_task("superglue") == "swiglu"
    assert paper.best_task("squad_f1") == "reglu" and paper.best_task("squad_em") == "bilinear"
    # SwiGLU vs ReLU: 0.053 / sqrt(0.010² + 0.005²) ≈ 4.74 std of a difference
    assert paper.gap_in_std("swiglu", "relu") == pytest.approx(0.053 / math.sqrt(0.010**2 + 0.005**2))
    assert 4.7 < paper.gap_in_std("swiglu", "relu") < 4.8
    assert abs(paper.gap_in_std("geglu", "swiglu")) < 0.2  # the top two: far inside the noise
    assert paper.gap_in_std("relu", "swiglu") == -paper.gap_in_std("swiglu", "relu")
    # what the noise paragraph says: four gated variants beat every plain FFN clearly, the σ-GLU does not
    plain, four = ("relu", "gelu", "swish"), ("bilinear", "reglu", "geglu", "swiglu")
    assert paper.min_gap(four, plain) > 3 and paper.min_gap((*four, "glu"), plain) < 0.5
    assert abs(paper.gap_in_std("glu", "gelu")) < 0.5 and abs(paper.gap_in_std("swiglu", "reglu")) < 1
    keys, m = paper.gap_matrix()
    assert keys == tuple(paper.TABLE1) and all(m[i][i] == 0 for i in range(len(keys)))
    assert paper.params_check() == (4_718_592, 4_718_592)


@pytest.mark.parametrize("m", paper.LLAMA_MODELS, ids=lambda m: m.name)
def test_llama_steps_reproduce_the_published_sizes(m):
    steps = paper.llama_steps(m.dim, m.multiple_of, m.multiplier)
    assert steps["hidden"] == m.hidden == llama_hidden_dim(m.dim, m.multiple_of, m.multiplier)
    assert steps["four_d"] == 4 * m.dim and steps["two_thirds"] == int(8 * m.dim / 3)
    assert steps["palm_d_ff"] == 4 * m.dim and steps["palm_params"] == 12 * m.dim**2


def test_llama_7b_steps_in_detail():
    s = paper.llama_steps(4096)
    assert (s["four_d"], s["two_thirds"], s["scaled"], s["hidden"]) == (16384, 10922, 10922, 11008)
    s = paper.llama_steps(8192, 4096, 1.3)
    assert (s["two_thirds"], s["scaled"], s["hidden"]) == (21845, 28398, 28672)


def test_timing_measures_every_op_on_the_same_size():
    t = measure(tokens=32, d_model=48, repeats=3)
    assert set(t.seconds) == set(OPS) and all(v > 0 for v in t.seconds.values())
    assert t.d_ff == 128 and t.elements == 32 * 128  # 2/3 · 4 · 48
    assert t.ratio_gated == t.seconds["silu_mul"] / t.seconds["gelu_mul"]  # like with like: both gated
    assert t.ratio_act == t.seconds["silu"] / t.seconds["gelu"]


def test_timing_verdict():
    from swiglu.timing import verdict

    assert verdict(0.5) == "faster" and verdict(1.5) == "slower" and verdict(1.05) == verdict(0.95) == "similar"
