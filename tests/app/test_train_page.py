"""AppTest of the training lab (/train) in both languages: controls, a run from the start button to the results
table, pause / resume / single step / reset, bad links, divergence and failures shown safely.

AppTest cannot fire `run_every`: the tests wait on the pool's job themselves and rerun the script, as the
browser's timer would. Every test cancels its session's job at the end, so the shared pool stays free."""

import time

import pytest

from swiglu import jobs
from swiglu.i18n import t, t_join
from swiglu.train import Trainer
from ui.training import JOB_KEY, SID_KEY

from .conftest import figure_texts, open_page, spec_text

CONTROLS = ["dataset", "noise", "ratio", "seed", "showtest", "variants", "twidth", "tdepth", "tmatch", "tbeta",
            "learnbeta", "lr", "batch", "opt", "steps"]  # fmt: skip
BUTTONS = ["train_start", "train_stop", "train_step", "train_reset", "train_regenerate"]


@pytest.fixture
def opened():
    """open_page(...) that cancels the jobs of the sessions it opened when the test ends."""
    sessions = []

    def make(*args, **kw):
        at = open_page("train", *args, **kw)
        sessions.append(at)
        return at

    yield make
    for at in sessions:
        job = at.session_state[JOB_KEY] if JOB_KEY in at.session_state else None
        if job is not None:
            job.cancel()
            job.wait(30)


def job_of(at) -> jobs.Job:
    job = jobs.get_pool().job_for(at.session_state[SID_KEY])
    assert job is not None and job is at.session_state[JOB_KEY]
    return job


def finish(at, timeout=120.0):
    """Wait for the session's job to end, rerunning the script meanwhile (the browser's polling)."""
    job = job_of(at)
    end = time.monotonic() + timeout
    while job.active and time.monotonic() < end:
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        job.wait(0.5)
    assert not job.active, f"job still {job.status} after {timeout} s"
    at.run()
    return job


def _first_record(job, timeout=30.0, after_step=-1) -> None:
    """Wait until the job's scheduler has recorded a step > after_step (the page paces its runs, so the first
    trained chunk comes a little after the step-0 record)."""
    end = time.monotonic() + timeout
    while not (job.records(0) and job.records(0)[-1].step > after_step) and job.active and time.monotonic() < end:
        job.wait(0.05)
    assert job.records(0) and job.records(0)[-1].step > after_step, (job.status, job.error)


def texts(elements) -> str:
    return "\n".join(str(e.value) for e in elements)


def widget_keys(at) -> set[str]:
    return {w.key for kind in ("selectbox", "slider", "toggle", "button_group", "multiselect", "button")
            for w in at.get(kind) if getattr(w, "key", None)}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_page_runs_with_every_control(opened, lang):
    at = opened(lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("train.title", lang)
    keys = widget_keys(at)
    assert {f"w.train.{c}" for c in CONTROLS} <= keys, {f"w.train.{c}" for c in CONTROLS} - keys
    assert set(BUTTONS) <= keys
    assert at.button(key="train_stop").disabled and not at.button(key="train_start").disabled
    spec = spec_text(at.get("plotly_chart")[0])
    assert t("train.fig.data", lang) in spec
    assert t("train.params_line", lang, name="FFN ReLU", count="4,161", dff=64) in texts(at.markdown)
    assert t("train.empty", lang) in texts(at.info)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_start_trains_and_shows_the_results(opened, lang):
    at = opened(lang=lang, steps="200", dataset="xor")
    at.button(key="train_start").click().run()
    assert not at.exception
    job = job_of(at)
    assert [c.variant for c in job.configs] == ["relu", "swiglu"]
    assert {c.steps for c in job.configs} == {200} and {c.dataset for c in job.configs} == {"xor"}
    finish(at)
    assert job.status == "done"
    assert t("train.done", lang, steps=200) in texts(at.success)
    table = at.dataframe[0].value
    assert list(table[t("train.col.variant", lang)]) == ["FFN ReLU", "FFN SwiGLU"]
    assert list(table[t("train.col.steps", lang)]) == [200, 200]
    assert (table[t("train.col.test_acc", lang)] > 0.8).all()
    assert [b.proto.label for b in at.get("download_button")] == [t("train.download", lang),
                                                                   t("train.download_curves", lang)]
    figs = figure_texts(at)
    assert len(figs) == 1 + 1 + 2  # data, curves, one boundary per variant (the last three redrawn in place)
    assert len(at.get("bidi_component")) == 3 and len(at.get("plotly_chart")) == 1
    curves = figs[1]
    assert t("train.fig.curves", lang) in curves and t("train.axis.step", lang) in curves
    assert at.query_params["steps"] in ("200", ["200"]) and at.query_params["dataset"] in ("xor", ["xor"])
    at.button(key="train_start").click().run()  # again: a new run from scratch, not a resume
    assert job_of(at) is not job


def test_extra_clicks_start_one_job(opened):
    at = opened(lang="en", steps="5000")
    at.button(key="train_start").click().run()
    first = job_of(at)
    assert first.active and at.button(key="train_start").disabled and not at.button(key="train_stop").disabled
    # A click that slips through (two tabs of one session, a click racing the rerun) starts nothing either:
    assert jobs.get_pool().submit(at.session_state[SID_KEY], list(first.configs)) is first
    at.run()
    assert job_of(at) is first


def test_pause_resume_single_step_and_reset(opened):
    at = opened(lang="en", steps="5000", variants="swiglu")
    at.button(key="train_start").click().run()
    job = job_of(at)
    assert job.wait(0) is False
    _first_record(job, after_step=0)
    at.button(key="train_stop").click().run()
    finish(at)
    assert job.status == "cancelled" and job.cancel_reason == "user"
    paused_at = job.records(0)[-1].step
    assert 0 < paused_at < 5000
    assert t("train.paused", "en", step=paused_at) in texts(at.info)
    at.button(key="train_step").click().run()  # single step continues the same run
    stepped = finish(at)
    assert stepped is not job and stepped.status == "paused"
    assert stepped.trainers[0] is job.trainers[0] and stepped.records(0)[-1].step == paused_at + 1
    at.button(key="train_start").click().run()  # play resumes it
    resumed = job_of(at)
    assert resumed.trainers[0] is job.trainers[0]
    resumed.cancel()
    finish(at)
    at.button(key="train_reset").click().run()
    assert at.session_state[JOB_KEY] is None and t("train.empty", "en") in texts(at.info)
    assert len(at.dataframe) == 0  # no results table left (the glossary is built only while it is open)


def test_changed_settings_are_noted_and_start_a_fresh_run(opened):
    at = opened(lang="en", steps="3000", variants="relu")
    at.button(key="train_start").click().run()
    job = job_of(at)
    _first_record(job)  # it really ran (else it has no trainers to compare with)
    at.button(key="train_stop").click().run()
    finish(at)
    at.slider(key="w.train.twidth").set_value(8).run()
    assert t("train.changed", "en") in texts(at.info)
    at.button(key="train_start").click().run()
    fresh = job_of(at)
    assert fresh is not job and fresh.configs[0].width == 8
    _first_record(fresh)
    fresh.cancel()
    finish(at)
    assert fresh.trainers[0] is not job.trainers[0] and fresh.records(0)[0].step == 0


def test_new_data_button_moves_the_seed(opened):
    at = opened(lang="en", seed="41")
    at.button(key="train_regenerate").click().run()
    assert at.slider(key="w.train.seed").value == 42
    assert at.query_params["seed"] in ("42", ["42"])
    at = opened(lang="en", hide="seed")
    assert "train_regenerate" not in widget_keys(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_divergence_is_explained_never_a_traceback(opened, lang):
    at = opened(lang=lang, opt="sgd", lr="10", steps="500")
    at.button(key="train_start").click().run()
    job = finish(at)
    assert job.status == "diverged"
    assert not at.exception and not at.error
    names = t_join((t(f"variant.{v}", lang) for v in ("relu", "swiglu")), lang)  # "FFN ReLU、FFN SwiGLU" in zh
    assert t("train.diverged", lang, names=names) in texts(at.warning)
    table = at.dataframe[0].value
    assert set(table[t("train.col.status", lang)]) == {t("train.status.diverged", lang)}


@pytest.mark.parametrize(
    "params, names",
    [
        ({"lr": "abc", "steps": "-5"}, ["lr", "steps"]),
        ({"variants": "swiglu,<script>alert(1)</script>", "dataset": "moon"}, ["variants", "dataset"]),
        ({"noise": "nan", "ratio": "2", "twidth": "1e309", "batch": "x" * 5000}, ["noise", "ratio", "twidth", "batch"]),
        ({"opt": "rmsprop", "tdepth": "3.5", "learnbeta": "maybe", "tbeta": "-1"},
         ["opt", "tdepth", "learnbeta", "tbeta"]),
    ],
)
def test_bad_link_values_warn_and_fall_back(opened, params, names):
    at = opened(lang="en", **params)
    assert not at.exception, [e.value for e in at.exception]
    warned = texts(at.warning)
    for name in names:
        assert t(f"set.{name}", "en") in warned, name
    assert at.button(key="train_start")  # the page still works


def test_no_variant_selected(opened):
    at = opened(lang="zh", variants="")
    assert not at.exception
    assert t("train.no_variants", "zh") in texts(at.info)
    assert at.button(key="train_start").disabled


def test_failed_job_shows_its_message_as_plain_text(opened, monkeypatch):
    def broken(self, n, cancel=None):
        raise RuntimeError("<b>boom</b> **not bold** [link](http://x)")

    monkeypatch.setattr(Trainer, "advance", broken)
    at = opened(lang="en", steps="100")
    at.button(key="train_start").click().run()
    job = finish(at)
    assert job.status == "failed"
    assert not at.exception
    (err,) = at.error
    assert "\\<b\\>boom\\</b\\>" in err.value and "\\*\\*not bold\\*\\*" in err.value  # escaped markdown


def test_learnable_beta_shows_the_beta_chart(opened):
    at = opened(lang="zh", steps="100", variants="swish,swiglu", learnbeta="1")
    at.button(key="train_start").click().run()
    finish(at)
    specs = figure_texts(at)
    beta = [s for s in specs if t("train.fig.beta", "zh") in s]
    assert len(beta) == 1 and t("train.ref.silu", "zh") in beta[0] and t("train.ref.gelu", "zh") in beta[0]
    assert t("train.col.beta", "zh") in at.dataframe[0].value.columns


def test_queue_position_when_the_server_is_full(opened):
    from swiglu.train import TrainConfig

    pool = jobs.get_pool()
    cap, pool.max_active = pool.max_active, 1  # a full server: one place (64 by default, a class at once)
    blocker = pool.submit("test-blocker", [TrainConfig(dataset="spiral", steps=10**6, max_seconds=60)])
    try:
        assert blocker.wait(0) is False
        at = opened(lang="zh", steps="100")
        at.button(key="train_start").click().run()
        job = job_of(at)
        assert job.status == "queued" and job.position >= 1
        assert t("train.queued", "zh", pos=job.position) in texts(at.info)
    finally:
        pool.max_active = cap
        blocker.cancel()
    finish(at)
    assert job.status == "done"


def test_a_tab_that_stopped_polling_is_explained(opened):
    at = opened(lang="en", steps="10000", variants="relu")
    at.button(key="train_start").click().run()
    job = job_of(at)
    _first_record(job)
    job.cancel("stale")  # what the pool's watchdog does 15 s after the last poll
    finish(at)
    step = job.records(0)[-1].step
    assert t("train.stale", "en", step=step) in texts(at.info)
    assert not at.button(key="train_start").disabled  # Train continues the run


def test_polls_slow_down_together_when_a_class_trains():
    """One tab alone refreshes 10 times a second; with a class in the pool the polls of all tabs add up to about
    POLLS_PER_S, so the server keeps time for the sliders of everyone else."""
    from ui.training import CURVES_EVERY_S, MAX_EVERY_S, POLLS_PER_S, poll_every

    assert poll_every(0) == poll_every(1) == CURVES_EVERY_S == 0.1
    assert poll_every(5) == CURVES_EVERY_S
    for n in (10, 30, 60):
        assert n / poll_every(n) == pytest.approx(POLLS_PER_S)  # the whole class: POLLS_PER_S polls a second
    assert poll_every(1000) == MAX_EVERY_S  # never slower than this: a curve still moves
    assert all(poll_every(n) <= poll_every(n + 1) for n in range(200))


@pytest.fixture
def with_feed(monkeypatch):
    """The page as serve.py runs it: the training feed's route exists (ui/feed.py)."""
    from ui import feed

    monkeypatch.setattr(feed, "_enabled", True)
    return feed


def _chart_data(at, key: str) -> dict:
    import json

    (el,) = [e for e in at.get("bidi_component") if e.proto.id.endswith(f"-{key}")]
    return json.loads(el.proto.json)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_with_the_feed_the_curves_fetch_their_points_from_where_the_figure_stops(opened, with_feed, lang):
    at = opened(lang=lang, steps="5000", variants="relu,swiglu")
    at.button(key="train_start").click().run()
    job = job_of(at)
    _first_record(job, after_step=0)
    at.run()  # the status poll
    fed = _chart_data(at, "train_curves")["feed"]
    assert fed["url"] == "/_swiglu/feed/" + with_feed.token_for(job)
    shown = job.snapshot().records
    assert len(fed["counts"]) == 2 and all(0 < c <= len(r) for c, r in zip(fed["counts"], shown, strict=True))
    assert 75 <= fed["every"] <= 1000
    # what the URL serves is this job's next records, from where this figure stops
    code, body = _ask(fed["url"].rsplit("/", 1)[1], fed["counts"])
    assert code == 200 and body["status"] == "running"
    assert all(c["step"] == [r.step for r in recs[n:]][: len(c["step"])] for c, recs, n
               in zip(body["runs"], job.snapshot().records, fed["counts"], strict=True))  # fmt: skip
    job.cancel()
    finish(at)
    assert _chart_data(at, "train_curves")["feed"] is None  # an ended job: the final figure, nothing to fetch


def _ask(token, counts):
    from tests.test_feed import ask

    return ask(token, "n=" + ",".join(map(str, counts)))


def test_with_the_feed_a_class_polls_the_server_rarely():
    """Feed requests (~0.5 ms each) and status polls (a fragment run, ~20 ms under load) of all tabs together stay
    near their budgets per second, whatever the class size; one tab alone stays quick."""
    from ui import training as tr

    feed_every, status_every = tr.feed_every, tr.status_every
    FEED_REQUESTS_PER_S, STATUS_POLLS_PER_S, STATUS_MIN_S, STATUS_MAX_S = (
        tr.FEED_REQUESTS_PER_S, tr.STATUS_POLLS_PER_S, tr.STATUS_MIN_S, tr.STATUS_MAX_S)  # fmt: skip

    assert feed_every(1) == tr.FEED_MIN_EVERY_S < 0.1 and status_every(1) == STATUS_MIN_S  # alone: > 10 a second
    for n in (20, 40):
        assert n / feed_every(n) == pytest.approx(FEED_REQUESTS_PER_S)
        assert n / status_every(n) == pytest.approx(STATUS_POLLS_PER_S)
    assert status_every(1000) == STATUS_MAX_S and feed_every(1000) == 1.0
    assert all(feed_every(n) <= feed_every(n + 1) and status_every(n) <= status_every(n + 1) for n in range(200))
