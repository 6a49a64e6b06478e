"""The toy reproduction of Shazeer 2020 (swiglu/experiments/charlm.py, glu_variants.py): the corpus, matched
FFN sizes, the runner on a tiny config (seconds) and its JSON schema, the summaries, and the shipped full run."""

import hashlib
import json
import math
import subprocess
import sys

import pytest
import torch

from swiglu import paper
from swiglu.experiments import charlm
from swiglu.experiments import glu_variants as gv
from swiglu.ffn import GATED_VARIANTS, VARIANTS

torch.set_num_threads(1)
RUN_KEYS = {"variant", "seed", "heldout_loss", "steps", "seconds"}


def test_corpus_is_the_documented_excerpt():
    raw = charlm.CORPUS.read_bytes()
    assert len(raw) == 208_000 and raw.isascii()
    assert hashlib.sha256(raw).hexdigest() == "15787b6a873448fa0a076d62d3d1db4c3b755c5daf3a0e526f8c6d07afc36cca"
    text, vocab = charlm.load_corpus()
    assert text.startswith("First Citizen:\nBefore we proceed any further, hear me speak.")
    assert text.index("GLOUCESTER:\nNow is the winter of our discontent") == 154_470
    assert len(vocab) == 62 and "\n" in vocab
    readme = (charlm.CORPUS.parent / "README.md").read_text(encoding="utf-8")
    assert "karpathy/char-rnn" in readme and "[0, 208000)" in readme and "public domain" in readme


def test_split_and_encoding():
    text, vocab = charlm.load_corpus()
    ids = charlm.encode(text, vocab)
    train, held = charlm.split(ids, 0.1)
    assert len(train) == 187_200 and len(held) == 20_800
    assert "".join(vocab[i] for i in held[:20]) == text[187_200:187_220]


@pytest.mark.parametrize("cfg", [gv.FULL, gv.QUICK])
def test_ffn_weights_are_matched_by_the_two_thirds_rule(cfg):
    counts = {v: charlm.ffn_params(cfg, v) for v in VARIANTS}
    plain = counts["relu"]
    assert counts["gelu"] == counts["swish"] == plain
    for v in GATED_VARIANTS:
        assert counts[v] == counts["swiglu"] and abs(counts[v] - plain) / plain < 0.01  # int() rounding only
    assert cfg.d_ff("relu") == 4 * cfg.d_model and cfg.d_ff("swiglu") == int(8 * cfg.d_model / 3)


def test_only_the_ffn_differs_between_variants():
    cfg = charlm.CharLMConfig(d_model=16, context=8)
    a, b = charlm.build(cfg, "relu", 62, seed=3), charlm.build(cfg, "swiglu", 62, seed=3)
    sa, sb = a.state_dict(), b.state_dict()
    shared = [k for k in sa if ".ffn." not in k]
    assert shared and all(torch.equal(sa[k], sb[k]) for k in shared)
    assert charlm.param_count(a) - charlm.param_count(b) == charlm.ffn_params(cfg, "relu") * 2 - \
        charlm.ffn_params(cfg, "swiglu") * 2


def test_heldout_loss_is_deterministic_and_starts_near_chance():
    cfg = charlm.CharLMConfig(d_model=16, n_head=2, context=16)
    text, vocab = charlm.load_corpus()
    _, held = charlm.split(charlm.encode(text, vocab), 0.1)
    model = charlm.build(cfg, "swiglu", len(vocab), 0)
    first, second = charlm.heldout_loss(model, held, 16), charlm.heldout_loss(model, held, 16)
    assert first == second and abs(first - math.log(len(vocab))) < 1.0  # random logits of std ~1


def test_a_short_run_learns_and_is_reproducible():
    cfg = charlm.CharLMConfig(d_model=16, n_head=2, context=16, batch_size=8, steps=40, warmup=4)
    r1, r2 = charlm.train_run(cfg, "swiglu", 1), charlm.train_run(cfg, "swiglu", 1)
    assert r1.heldout_loss == r2.heldout_loss and r1.steps == 40
    assert r1.heldout_loss < math.log(62) - 0.5


def test_stop_ends_a_run_early():
    cfg = charlm.CharLMConfig(d_model=16, n_head=2, context=16, batch_size=8, steps=1000)
    r = charlm.train_run(cfg, "relu", 0, should_stop=lambda: True)
    assert r.steps == 0 and math.isfinite(r.heldout_loss)


def test_cli_tiny_run_writes_the_schema(tmp_path):
    out = tmp_path / "r.json"
    argv = ["--quick", "--steps", "3", "--seeds", "2", "--variants", "relu,swiglu", "--out", str(out)]
    assert gv.main(argv) == 0
    data = json.loads(out.read_text())
    assert set(data) == {"config", "runs"}
    cfg = data["config"]
    assert cfg["steps"] == 3 and cfg["quick"] is True and cfg["seeds"] == [0, 1]
    assert cfg["variants"] == ["relu", "swiglu"]
    assert cfg["d_ff"] == {"relu": 128, "swiglu": 85} and cfg["corpus_chars"] == 208_000
    prov = cfg["provenance"]
    assert prov["command"].startswith("python -m swiglu.experiments.glu_variants --quick --steps 3")
    assert prov["date_utc"].endswith("Z") and "torch" in prov["machine"] and prov["wall_seconds"] >= 0
    runs = data["runs"]
    assert [(r["seed"], r["variant"]) for r in runs] == [(0, "relu"), (0, "swiglu"), (1, "relu"), (1, "swiglu")]
    for r in runs:
        assert set(r) == RUN_KEYS and r["steps"] == 3 and r["seconds"] >= 0
        assert 3.0 < r["heldout_loss"] < 5.0  # ≈ ln 62 = 4.13 after 3 steps


def test_cli_as_a_module_and_bad_arguments(tmp_path):
    out = tmp_path / "m.json"
    cmd = [sys.executable, "-m", "swiglu.experiments.glu_variants", "--quick", "--steps", "2", "--seeds", "1",
           "--variants", "gelu", "--out", str(out)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text())["runs"][0]["variant"] == "gelu"
    assert gv.main(["--variants", "relu,nope", "--out", str(out)]) == 2
    assert gv.main(["--seeds", "0", "--out", str(out)]) == 2


def test_summaries_and_rank_correlation():
    runs = [{"variant": v, "seed": s, "heldout_loss": loss, "steps": 1, "seconds": 0.1}
            for v, losses in {"relu": (2.0, 2.2), "swiglu": (1.0, 1.2), "gelu": (3.0, None)}.items()
            for s, loss in enumerate(losses)]
    summ = gv.summarise(runs)
    assert list(summ) == ["relu", "gelu", "swiglu"]  # VARIANTS order
    assert summ["relu"].mean == pytest.approx(2.1) and summ["relu"].std == pytest.approx(math.sqrt(0.02))
    assert summ["gelu"].n == 1 and math.isnan(summ["gelu"].std)  # the diverged (None) run is left out
    assert gv.ranking({k: s.mean for k, s in summ.items()}) == ["swiglu", "relu", "gelu"]
    assert gv.spearman({"a": 1, "b": 2, "c": 3}, {"a": 10, "b": 20, "c": 30}) == 1.0
    assert gv.spearman({"a": 1, "b": 2, "c": 3}, {"a": 30, "b": 20, "c": 10}) == -1.0


def test_comparing_table_1_with_itself():
    table = {k: v.short for k, v in paper.TABLE1.items()}
    summ = {k: gv.Summary(k, v, 0.004, 3) for k, v in table.items()}
    cmp = gv.compare_with_paper(summ, table)
    assert cmp["rho"] == 1.0 and cmp["pairs_won"] == cmp["pairs"] == 15 and cmp["same_best"]
    assert cmp["best_paper"] == "geglu" and cmp["toy_order"] == cmp["paper_order"]
    assert cmp["spread"] == pytest.approx(1.997 - 1.942) and cmp["noise"] == 0.004


def test_quick_config_is_quick_and_full_config_is_bigger():
    def work(c):  # ∝ FLOPs of a run: steps × tokens per step × d_model²
        return c.steps * c.batch_size * c.context * c.d_model**2

    assert 10 * work(gv.QUICK) < work(gv.FULL)
    assert len(gv.SEEDS) >= 3


def test_the_shipped_full_run():
    data = gv.load_shipped()
    assert data is not None, "assets/glu_variants_full.json is missing"
    cfg, runs = data["config"], data["runs"]
    assert cfg["quick"] is False and cfg["steps"] == gv.FULL.steps and cfg["d_model"] == gv.FULL.d_model
    assert set(cfg["provenance"]) >= {"command", "date_utc", "machine", "wall_seconds"}
    assert cfg["provenance"]["command"].endswith("--out assets/glu_variants_full.json")
    assert len(cfg["seeds"]) >= 3 and cfg["variants"] == list(VARIANTS)
    assert len(runs) == len(cfg["seeds"]) * 8 and all(set(r) == RUN_KEYS for r in runs)
    assert all(r["steps"] == cfg["steps"] and r["heldout_loss"] is not None for r in runs)
    summ = gv.summarise(runs)
    assert set(summ) == set(VARIANTS) and all(s.n == len(cfg["seeds"]) for s in summ.values())
    assert all(1.0 < s.mean < 3.0 for s in summ.values())


def test_exceptions_and_near_best():
    summ = {"relu": gv.Summary("relu", 2.0, 0.01, 3), "gelu": gv.Summary("gelu", 1.90, 0.01, 3),
            "glu": gv.Summary("glu", 1.95, 0.01, 3), "swiglu": gv.Summary("swiglu", 1.895, 0.001, 3)}
    cmp = gv.compare_with_paper(summ, {k: v.short for k, v in paper.TABLE1.items()})
    assert cmp["exceptions"] == [("glu", "gelu")]  # GLU does not beat GELU here
    assert cmp["pairs_won"] == 3 and cmp["pairs"] == 4
    assert cmp["near_best"] == ["gelu"]  # 0.005 < hypot(0.01, 0.001); GLU and ReLU are further
    assert cmp["best_toy"] == "swiglu" and cmp["worst_toy"] == cmp["worst_paper"] == "relu"
