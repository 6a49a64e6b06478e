"""AppTest of /dead-relu in both languages (definition, presets, a live run through the shared pool driven by
reruns, bad links) and of the toy-reproduction section of /paper (shipped results, live quick re-run)."""

import json
import threading
import time

import pytest

from swiglu import dead, jobs, paper, state
from swiglu.experiments import dead_relu as dr
from swiglu.experiments import glu_variants as gv
from swiglu.i18n import t, t_join
from swiglu.plots.ffn import SHORT
from ui import dead_relu as ui_dead

from .conftest import open_page, spec_text

RUN_TIMEOUT_S = 180  # a 600-step comparison takes seconds; generous for a busy CI machine


def _drive(at, key: str, timeout: float = RUN_TIMEOUT_S):
    """Rerun the page (each full run touches the job, as the polling fragment would) until the job ends."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        job = at.session_state[key]
        if not job.active:
            break
        time.sleep(0.3)
        at.run()
    at.run()  # the final state
    return at.session_state[key]


def _prefix(key: str, lang: str) -> str:
    """A text up to its first placeholder (for texts whose fields the test does not recompute)."""
    return t(key, lang, **{f: "\x00" for f in ("best", "worst", "n", "pairs")}).split("\x00")[0]


def _texts(at) -> str:
    return "\n".join(str(e.value) for e in [*at.markdown, *at.caption, *at.info, *at.warning])


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_runs_and_shows_the_definition_with_its_eps(lang):
    at = open_page("dead-relu", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("dead.title", lang)
    latex = [e.value.strip("$\n") for e in at.latex]  # AppTest wraps them in $$ … $$
    assert dead.LATEX_DEAD_RELU in latex and dead.LATEX_OFF in latex and dead.LATEX_GATED in latex
    assert dead.latex_threshold(0.01) in latex
    metrics = [m.value for m in at.metric]
    for v in ("relu", "swish", "geglu", "glu"):
        assert f"{dead.off_threshold(v, 0.01):.2f}" in metrics
    assert "ε = 0.01" in _texts(at)
    at.radio(key="w.dead-relu.deps").set_value("0.1").run()
    assert f"{dead.off_threshold('swish', 0.1):.2f}" in [m.value for m in at.metric]
    assert at.query_params["deps"] in ("0.1", ["0.1"])


def test_preset_buttons_set_the_controls():
    at = open_page("dead-relu", lang="en")
    at.button(key="dead_preset_born").click().run()
    assert not at.exception
    assert at.slider(key="w.dead-relu.dshift").value == 1.0 and at.selectbox(key="w.dead-relu.dlr").value == "0.003"
    assert t("dead.preset.born", "en") in _texts(at)
    at.button(key="dead_preset_kill").click().run()
    assert at.selectbox(key="w.dead-relu.dlr").value == "0.03" and at.slider(key="w.dead-relu.dshift").value == 0.0
    at.selectbox(key="w.dead-relu.dlr").set_value("0.01").run()  # off-preset: the note goes away
    assert t("dead.preset.kill", "en") not in _texts(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_start_a_run_and_drive_it_to_the_end(lang):
    at = open_page("dead-relu", lang=lang, dsteps="200", ddepth="2")
    assert at.info and not at.get("plotly_chart")
    at.button(key="dead_preset_kill").click().run()
    at.button(key="dead_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    job = _drive(at, "_dead_job")
    assert job.status == "done", (job.status, job.error)
    assert not at.exception, [e.value for e in at.exception]
    state = job.snapshot().result
    assert [a.arm for a in state.arms] == list(dr.VARIANTS) and all(a.records[-1].step == 200 for a in state.arms)
    specs = [spec_text(c) for c in at.get("plotly_chart")]
    assert len(specs) == 5  # dead fractions, loss, units × inputs, histogram, death vs sparsity
    assert t("dead.fig_dead", lang, eps="0.01") in specs[0]
    relu1 = next(r for r in dr.death_vs_sparsity(state, 0.01) if r["arm"] == "relu" and r["layer"] == 1)
    numbers = t("dead.sparsity_numbers", lang, layer=1, units=relu1["units"], dead=f"{100 * relu1['dead']:.0f}",
                off=f"{100 * relu1['off_per_input']:.0f}", on=f"{100 * relu1['on_per_input']:.0f}",
                alive="—" if relu1["off_alive"] is None else f"{100 * relu1['off_alive']:.0f}")
    assert numbers in _texts(at)
    # the view controls redraw the layer without a new run
    at.radio(key="w.dead-relu.dview").set_value("swiglu").run()
    at.slider(key="w.dead-relu.dlayer").set_value(2).run()
    assert not at.exception and "SwiGLU" in spec_text(at.get("plotly_chart")[2])


def test_revive_comparison_table():
    at = open_page("dead-relu", lang="en", dsteps="100", ddepth="2", dlr="0.03")
    at.button(key="dead_revive").click().run()
    job = _drive(at, "_dead_revive_job")
    assert job.status == "done" and not at.exception
    frames = [d.value for d in at.dataframe if t("dead.col.born", "en") in d.value.columns]
    assert len(frames) == 1
    table = frames[0]
    assert list(table[t("dead.col.lr", "en")]) == ["0.03", "0.003", "0.003", "0.003"]
    assert table[t("dead.col.born", "en")].iloc[3] == "0 %"  # centred: no unit born dead


def test_stop_button_cancels_the_run():
    at = open_page("dead-relu", lang="en", dsteps="3000")
    at.button(key="dead_run").click().run()
    at.button(key="dead_stop").click().run()
    job = at.session_state["_dead_job"]
    assert job.wait(30) and job.status == "cancelled"
    at.run()
    assert not at.exception and t("dead.cancelled", "en") in _texts(at)


@pytest.mark.parametrize("params, names", [
    ({"dlr": "7"}, ["dlr"]),
    ({"ddepth": "99", "dshift": "-4"}, ["ddepth", "dshift"]),
    ({"deps": "abc", "dinit": "<script>"}, ["deps", "dinit"]),
    ({"dsteps": "nan", "dlayer": "1e309", "dview": "gelu"}, ["dsteps", "dlayer", "dview"]),
])
def test_bad_link_values_warn_and_fall_back(params, names):
    at = open_page("dead-relu", lang="en", **params)
    assert not at.exception, [e.value for e in at.exception]
    warnings = " ".join(w.value for w in at.warning)
    for n in names:
        assert t(f"set.{n}", "en") in warnings
    assert 1 <= at.slider(key="w.dead-relu.ddepth").value <= 6
    assert 0.0 <= at.slider(key="w.dead-relu.dshift").value <= 3.0
    assert at.selectbox(key="w.dead-relu.dlr").value in dr.LRS


def test_a_shared_link_reproduces_the_settings():
    at = open_page("dead-relu", lang="zh", ddata="circle", dwidth="24", dinit="rai", seed="7")
    assert not at.exception and not at.warning
    assert at.selectbox(key="w.dead-relu.ddata").value == "circle"
    assert at.slider(key="w.dead-relu.dwidth").value == 24 and at.slider(key="w.dead-relu.seed").value == 7
    assert at.selectbox(key="w.dead-relu.dinit").value == "rai"
    assert at.query_params["dinit"] in ("rai", ["rai"])


# ---------------- /paper: the toy reproduction section ----------------
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_paper_shows_the_shipped_toy_run(lang):
    at = open_page("paper", lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    shipped = gv.load_shipped()
    assert shipped is not None
    summary = gv.summarise(shipped["runs"])
    text = _texts(at)
    best = gv.compare_with_paper(summary, {k: v.short for k, v in paper.TABLE1.items()})
    assert best["toy_order"] and f"{best['rho']:+.2f}" in text
    assert shipped["config"]["provenance"]["date_utc"] in text
    assert any(t("toy.fig_title", lang) in spec_text(c) for c in at.get("plotly_chart"))
    verdicts = ("toy.verdict_agree", "toy.verdict_noise", "toy.verdict_differ", "toy.verdict_partial")
    assert sum(_prefix(k, lang) in text for k in verdicts) == 1
    if best["exceptions"] and best["rho"] >= 0.5 and best["spread"] >= 2 * best["noise"]:  # the shipped run's case
        pairs = t_join((t("toy.pair", lang, gated=SHORT[g], plain=SHORT[q]) for g, q in best["exceptions"]), lang)
        assert t("toy.verdict_partial", lang, best=SHORT[best["best_toy"]], worst=SHORT[best["worst_toy"]],
                 n=len(best["exceptions"]), pairs=pairs) in text


def test_paper_live_quick_rerun(monkeypatch):
    # a tiny "quick" run, so that the test takes seconds; the page calls exactly what it calls in production
    monkeypatch.setattr(gv, "QUICK", gv.CharLMConfig(d_model=16, n_head=2, context=16, batch_size=8, steps=5, warmup=1))
    monkeypatch.setattr(gv, "VARIANTS", ("relu", "swiglu"))
    monkeypatch.setattr(gv, "SEEDS", (0, 1))
    at = open_page("paper", lang="en")
    at.button(key="toy_run").click().run()
    assert not at.exception, [e.value for e in at.exception]
    job = _drive(at, "_toy_job")
    assert job.status == "done", (job.status, job.error)
    live = job.snapshot().result
    assert [(r["seed"], r["variant"]) for r in live.runs] == [(0, "relu"), (0, "swiglu"), (1, "relu"), (1, "swiglu")]
    assert t("toy.live_progress", "en", done=4, total=4) in [p.proto.text for p in at.get("progress")]
    assert any(t("toy.fig_live", "en") in spec_text(c) for c in at.get("plotly_chart"))


def test_one_job_per_session_across_pages():
    at = open_page("dead-relu", lang="en", dsteps="3000")
    at.button(key="dead_run").click().run()
    job = at.session_state["_dead_job"]
    assert job.active
    at.switch_page("pages/paper.py")
    at.run()
    at.button(key="toy_run").click().run()
    assert not at.exception
    assert at.session_state["_toy_busy"] is job  # the pool handed back this session's running job
    assert t("toy.busy", "en") in _texts(at)
    at.button(key="toy_stop").click().run()
    assert job.wait(30) and job.status == "cancelled"
    assert jobs.get_pool().job_for(job.session_id) is job


# ---------------- issue 15: the page opens with the default preset's result, computed once per process ----------------
def _elements(at) -> list:
    def walk(node):
        yield node
        for child in getattr(node, "children", {}).values():
            yield from walk(child)
    return [n for n in walk(at.main) if getattr(n, "type", None) not in (None, "vertical", "horizontal", "column")]


def _drawn(spec: str) -> bool:
    """A chart with data: at least one trace whose y has values (plain list or base64 bdata)."""
    traces = json.loads(spec)["data"]
    return bool(traces) and all(tr.get("y") and (tr["y"].get("bdata") if isinstance(tr["y"], dict) else tr["y"])
                                for tr in traces)


def test_first_render_draws_the_default_result_shared_by_every_session():
    ui_dead._reset_shared_for_tests()
    first = open_page("dead-relu", lang="en")  # the first visitor of this process: the shared run starts
    assert not first.exception, [e.value for e in first.exception]
    assert "_dead_job" not in first.session_state  # nothing pressed: no run of this session's own
    default = ui_dead.config(state.defaults("dead-relu"))
    assert default == dr.DeadConfig() and dr.matching_preset(state.defaults("dead-relu")) == "healthy"
    job = ui_dead.shared_job(default)
    deadline = time.monotonic() + RUN_TIMEOUT_S
    while job.active and time.monotonic() < deadline:  # AppTest cannot poll: keep the heartbeat a page would send
        job.touch()
        job.wait(1.0)
    assert job.status == "done", (job.status, job.error)
    result = job.snapshot().result
    assert [a.arm for a in result.arms] == list(dr.VARIANTS) and all(a.records[-1].step == 600 for a in result.arms)
    for lang in ("zh", "en", "zh"):  # later visitors: drawn on their first render, nothing run again
        at = open_page("dead-relu", lang=lang)
        assert not at.exception, [e.value for e in at.exception]
        specs = [c.proto.spec for c in at.get("plotly_chart")]
        assert len(specs) == 5 and all(_drawn(s) for s in specs)  # curves, loss, units × inputs, histogram, sparsity
        assert t("dead.fig_dead", lang, eps="0.01") in specs[0]
        assert t("dead.shared_note", lang, name=t("dead.preset.healthy", lang)) in _texts(at)
        # show, then define: the result before the definition's formulas; the quiz before what answers it
        els = _elements(at)
        first_chart = next(i for i, n in enumerate(els) if n.type == "plotly_chart")
        first_formula = next(i for i, n in enumerate(els) if n.type == "latex")
        quiz_at = next(i for i, n in enumerate(els) if n.type == "radio" and n.key == "quiz.dead.quiz")
        look = next(i for i, n in enumerate(els) if n.type == "markdown" and n.value == t("dead.look_intro", lang))
        sparsity = next(i for i, n in enumerate(els) if n.type == "markdown"
                        and n.value == t("dead.sparsity_intro", lang))
        assert first_chart < first_formula and first_formula < quiz_at < look < sparsity
    assert ui_dead.shared_runs == 1


def test_a_class_arriving_at_once_costs_one_run(monkeypatch):
    """Many sessions asking at the same moment get one job, and the experiment runs once."""
    ui_dead._reset_shared_for_tests()
    calls = []
    real = dr.run_experiment

    def counting(cfg, kind="compare", **kw):
        calls.append((cfg, kind))
        return real(cfg, kind, **kw)

    monkeypatch.setattr(dr, "run_experiment", counting)
    cfg = dr.DeadConfig(steps=40, depth=1, width=8, checkpoints=4, seed=123)
    barrier = threading.Barrier(12)
    got = []

    def student():
        barrier.wait()
        got.append(ui_dead.shared_job(cfg))

    threads = [threading.Thread(target=student) for _ in range(12)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(got) == 12 and all(j is got[0] for j in got)
    assert got[0].wait(RUN_TIMEOUT_S) and got[0].status == "done"
    assert ui_dead.shared_job(cfg) is got[0]  # a late student: the finished job, not a new run
    assert calls == [(cfg, "compare")] and ui_dead.shared_runs == 1
    other = dr.DeadConfig(steps=3000, depth=1, width=8, seed=124)
    dropped = ui_dead.shared_job(other)
    dropped.cancel("stale")  # what the pool does when no session polls it: the next visitor starts it again
    assert dropped.wait(30) and dropped.status == "cancelled"
    again = ui_dead.shared_job(other)
    assert again is not dropped and again.active and ui_dead.shared_job(other) is again
    again.cancel("user")
    assert again.wait(30) and ui_dead.shared_runs == 3
