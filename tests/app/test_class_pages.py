"""Class mode through the app (AppTest): /class in both languages, a page's quiz in a class (student and
teacher), the class kept across pages and languages, and hostile links and codes."""

from __future__ import annotations

import ast
import json
import threading
import time

import pytest
import sqlalchemy.exc
from streamlit.testing.v1 import AppTest

from swiglu import classroom as cr
from swiglu import quiz as quiz_cases
from swiglu.i18n import CATALOGUE, placeholders, t
from ui import classroom as ui_classroom
from ui.classroom import QUIZ_PREFIX, options_of

from .conftest import PAGE_FILES, ROOT, open_page


@pytest.fixture
def store(tmp_path, monkeypatch):
    monkeypatch.setenv("SWIGLU_DATABASE_URL", f"sqlite:///{tmp_path / 'class.sqlite3'}")
    monkeypatch.setattr(cr, "_STORE", None)
    monkeypatch.setattr(ui_classroom, "SHARED_TTL_S", 0.0)  # the tests write behind the app's back: no caching
    s = cr.get_store()
    yield s
    s.close()
    cr._STORE = None


def run(page: str, **params: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in params.items():
        at.query_params[k] = v
    at.switch_page(PAGE_FILES[page])
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def block(at: AppTest, key: str):
    """The container made with st.container(key=key)."""
    def walk(node):
        if getattr(node, "proto", None) is not None and str(getattr(node.proto, "id", "")).endswith(key):
            return node
        for child in getattr(node, "children", {}).values():
            hit = walk(child)
            if hit is not None:
                return hit
        return None

    hit = walk(at._tree)
    assert hit is not None, f"no container with key {key!r}"
    return hit


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [a.value for a in at.warning] + [a.value for a in at.success]
    parts += [a.value for a in at.info] + [c.value for c in at.caption]
    assert not at.error, [a.value for a in at.error]  # class messages are warnings: an error means a fault
    return "\n".join(parts)


def start_class(lang: str) -> tuple[AppTest, str, str]:
    at = run("class", lang=lang)
    at.button(key="class_start").click().run()
    assert not at.exception
    code_md = block(at, "class_code").children[0].value
    code = cr.normalise_code(code_md.strip("*"))
    link = block(at, "class_teacher_link")
    token = [c.value for c in at.code if "teacher=" in c.value][0].split("teacher=")[1]
    assert link is not None
    return at, code, token


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_class_page_starts_a_class(store, lang):
    at = run("class", lang=lang)
    assert at.title[0].value == t("class.title", lang)
    assert at.button(key="class_start").label == t("class.start", lang)
    at.button(key="class_start").click().run()
    assert not at.exception
    md = block(at, "class_code").children[0].value
    code = cr.normalise_code(md.strip("*"))
    links = [c.value for c in at.code]
    assert f"/class?class={code}" in links
    token = [v for v in links if "teacher=" in v][0].split("teacher=")[1]
    assert store.is_teacher(code, token)
    assert at.get("image"), "no QR code image"
    assert at.query_params.get("teacher") is None and "class" not in at.query_params  # token never in the URL
    page_text = texts(at)
    assert t("class.teacher_link", lang) in page_text and t("class.questions_head", lang) in [h.value for h in
                                                                                               at.subheader]
    assert store.info(code).joined == 0
    # the teacher link reopens the teacher view in another session
    other = run("class", lang=lang, **{"class": code, "teacher": token})
    assert block(other, "class_code") is not None and t("class.teacher_badge", lang, code=code) in texts(other)


def test_quiz_registry_matches_the_pages():
    """The pages that call p.quiz() are exactly those of swiglu.quiz.PAGE_QUIZZES (which /class asks too); option
    counts agree with the catalogue, and the case's fields fill every placeholder of every quiz text."""
    asking = set()
    for page_id, file in PAGE_FILES.items():
        tree = ast.parse((ROOT / file).read_text(encoding="utf-8"))
        if any(isinstance(n, ast.Call) and getattr(n.func, "attr", "") == "quiz" for n in ast.walk(tree)):
            asking.add(page_id)
    assert asking == set(QUIZ_PREFIX) == set(quiz_cases.PAGE_QUIZZES)
    for page_id, prefix in QUIZ_PREFIX.items():
        prefix_, n, correct, fields = quiz_cases.page_quiz(page_id)
        assert prefix_ == prefix and options_of(prefix) == n and 1 <= correct <= n
        for part in ["q", "why"] + [f"o{i}" for i in range(1, n + 1)]:
            for lang in ("en", "zh"):
                assert placeholders(CATALOGUE[f"{prefix}.{part}"][lang]) <= set(fields), (prefix, part, lang)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_student_answers_teacher_reveals_and_asks_again(store, lang):
    code, token = store.create_class()
    at = run("swish", lang=lang, **{"class": code})
    assert store.info(code).joined == 1
    seat = at.query_params["seat"][0] if isinstance(at.query_params["seat"], list) else at.query_params["seat"]
    assert cr.valid_seat(seat) and at.query_params["class"] in (code, [code])
    submit = at.button(key="class_submit_swish")
    assert submit.label == t("class.submit", lang)
    at.radio(key="class.pick.swish.1").set_value(1).run()
    at.button(key="class_submit_swish").click().run()
    assert not at.exception
    assert store.question(code, "swish").current.counts == (0, 1, 0, 0)  # committed before "submitted" shows
    assert t("class.submitted", lang, option="B") in texts(at)
    at.radio(key="class.pick.swish.1").set_value(2).run()
    at.button(key="class_submit_swish").click().run()
    assert store.question(code, "swish").current.counts == (0, 0, 1, 0)  # changed, still one answer
    store.reveal(code, token, "swish", 4)
    at.run()  # what the polling fragment does every STUDENT_POLL_S
    shown = texts(at)
    assert t("swish.quiz.why", lang, **quiz_cases.page_quiz("swish")[3]) in shown
    assert all(b.key != "class_submit_swish" for b in at.button)  # no more changes after the reveal
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert [d["y"] for d in spec["data"]] == [[0, 0, 1, 0]]
    assert spec["layout"]["xaxis"]["title"]["text"] == t("class.axis_option", lang)
    store.ask_again(code, token, "swish", 4)
    at.run()
    assert at.button(key="class_submit_swish")
    assert t("class.round_open", lang, round=2) in texts(at)
    at.radio(key="class.pick.swish.2").set_value(1).run()
    at.button(key="class_submit_swish").click().run()
    q = store.question(code, "swish")
    assert [r.counts for r in q.rounds] == [(0, 0, 1, 0), (0, 1, 0, 0)]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_teacher_sees_count_and_reveals_from_the_page(store, lang):
    code, token = store.create_class()
    seats = [cr.new_seat() for _ in range(3)]
    for i, s in enumerate(seats):
        store.join(code, s)
        store.submit(code, s, "glu", i % 2, 4)
    at = run("glu", lang=lang, **{"class": code, "teacher": token})
    count = block(at, "class_count_glu")
    assert count.children[0].value == "3"
    assert count.children[0].label == t("class.answers_metric", lang, round=1)
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert spec["data"][0]["y"] == [2, 1, 0, 0]
    assert spec["layout"]["yaxis"]["title"]["text"] == t("class.axis_count", lang)
    at.button(key="class_reveal_glu").click().run()
    assert not at.exception
    assert store.question(code, "glu").current.revealed
    at.button(key="class_again_glu").click().run()
    assert [r.round for r in store.question(code, "glu").rounds] == [1, 2]
    spec = json.loads(at.get("plotly_chart")[-1].proto.spec)
    assert len(spec["data"]) == 2 and spec["data"][0]["name"] == t("class.round", lang, round=1)


def test_class_stays_across_pages_and_languages(store):
    code, _ = store.create_class()
    at = run("swish", lang="en", **{"class": code})
    seat = at.session_state["_class_seat"]
    at.switch_page("pages/glu.py").run()  # the sidebar clears the URL: the session carries the class
    assert at.query_params["class"] in (code, [code]) and at.button(key="class_submit_glu")
    at.session_state["lang"] = "zh"  # what the sidebar's language switch does
    at.run()
    assert at.button(key="class_submit_glu").label == t("class.submit", "zh")
    at.switch_page("pages/glu.py")
    at.query_params.clear()
    at.query_params.update({"lang": "zh", "class": code, "seat": seat})  # a link in the other language
    at.run()
    assert at.button(key="class_submit_glu").label == t("class.submit", "zh")
    assert at.session_state["_class_seat"] == seat and store.info(code).joined == 1


def test_a_returning_student_keeps_seat_and_vote(store):
    code, _ = store.create_class()
    seat = cr.new_seat()
    store.join(code, seat)
    store.submit(code, seat, "ffn", 3, 4)
    at = run("ffn", lang="en", **{"class": code, "seat": seat})  # a new session after a restart
    assert at.radio(key="class.pick.ffn.1").value == 3
    assert store.info(code).joined == 1


def test_teacher_shares_view_and_students_get_a_follow_banner(store):
    code, token = store.create_class()
    teacher = run("swish", lang="en", beta="2.5", **{"class": code, "teacher": token})
    teacher.button(key="class_share").click().run()
    assert not teacher.exception
    page, _, query = store.info(code).share.partition("?")
    assert page == "swish" and "beta=2.5" in query
    student = run("home", lang="en", **{"class": code})
    assert t("class.banner", "en", page=t("nav.swish", "en")) in texts(student)
    student.button(key="class_follow").click().run()
    assert not student.exception
    assert student.query_params.get("beta") in ("2.5", ["2.5"])


def test_end_class_deletes_it_and_students_are_told(store):
    at, code, token = start_class("en")
    student = run("swish", lang="en", **{"class": code})
    at.button(key="class_end").click().run()
    assert store.row_counts() == {k: 0 for k in store.row_counts()}
    assert t("class.ended", "en") in texts(at)
    student.run()
    assert t("class.err.not_found", "en", code=code) in texts(student)
    assert all(b.key != "class_submit_swish" for b in student.button)


HOSTILE = ["' OR 1=1 --", "K7M2PQX'; DROP TABLE swiglu_class; --", "A" * 5000, "课堂代码", "\u202eK7M2PQX",
           "<script>alert(1)</script>"]


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("raw", HOSTILE, ids=["sql-or", "sql-drop", "5000-chars", "chinese", "bidi", "html"])
def test_hostile_class_links_write_nothing(store, raw, lang):
    before = store.row_counts()
    at = run("swish", lang=lang, **{"class": raw})
    assert t("class.err.invalid_code", lang) in texts(at)
    assert "class" not in at.query_params and store.row_counts() == before
    at.text_input(key="class_join").set_value(raw).run()  # as a crafted request could send it, past max_chars
    assert not at.exception and store.row_counts() == before
    assert t("class.err.invalid_code", lang) in texts(at)


def test_wrong_expired_codes_and_guessed_tokens(store, monkeypatch):
    code, token = store.create_class()
    before = store.row_counts()
    missing = "ZZZZZZZ" if code != "ZZZZZZZ" else "YYYYYYY"
    at = run("swish", lang="en", **{"class": missing})
    assert t("class.err.not_found", "en", code=missing) in texts(at)
    at = run("class", lang="en", **{"class": code, "teacher": cr.new_token()})
    assert t("class.err.bad_token", "en", code=code) in texts(at)
    assert all(b.key != "class_end" for b in at.button)
    at = run("class", lang="en", **{"class": code, "teacher": "x" * 5000})
    assert t("class.err.bad_token", "en", code=code) in texts(at)
    assert store.row_counts() == before
    store.clock = lambda: 10**12  # far in the future: the class has expired
    at = run("swish", lang="en", **{"class": code})
    assert t("class.err.expired", "en", code=code) in texts(at)
    assert all(b.key != "class_submit_swish" for b in at.button)
    assert store.row_counts() == {k: 0 for k in before}  # and an expired class is deleted


def test_submitting_fast_is_rate_limited(store):
    code, _ = store.create_class()
    at = run("paper", lang="en", **{"class": code})
    at.session_state["_class_limit"] = cr.RateLimit(clock=lambda: 0.0)  # 12 clicks "at the same instant"
    at.radio(key="class.pick.paper.1").set_value(0).run()
    for _ in range(12):
        at.button(key="class_submit_paper").click().run()
    assert t("class.err.too_fast", "en") in texts(at)
    assert store.question(code, "paper").current.counts == (1, 0, 0, 0)


def test_quizzes_outside_class_mode_are_unchanged(store):
    at = open_page("swish", lang="en")
    assert at.button(key="quiz.swish.quiz.reveal") and all(not b.key.startswith("class_") for b in at.button)
    assert store.row_counts() == {k: 0 for k in store.row_counts()}


def test_polling_sessions_share_one_read(store, monkeypatch):
    """Sixty students poll the same question: within SHARED_TTL_S they share one read; a write by this process
    drops it at once."""
    monkeypatch.setattr(ui_classroom, "SHARED_TTL_S", 60.0)
    monkeypatch.setattr(ui_classroom, "_shared", {})
    code, _ = store.create_class()
    assert ui_classroom.shared("info", code).joined == 0
    store.join(code, cr.new_seat())
    assert ui_classroom.shared("info", code).joined == 0  # served from the shared read
    ui_classroom._changed(code)
    assert ui_classroom.shared("info", code).joined == 1


class _SlowStore:
    """A store whose reads wait for `release`, counting them: sessions that poll while a read is under way."""

    def __init__(self, fail: Exception | None = None):
        self.reads, self.fail = 0, fail
        self.started, self.release = threading.Event(), threading.Event()
        self.lock = threading.Lock()

    def info(self, c):
        with self.lock:
            self.reads += 1
        self.started.set()
        assert self.release.wait(30)
        if self.fail is not None:
            raise self.fail
        return cr.ClassInfo(c, 0.0, 1.0, None, 0, self.reads)


def _poll_at_once(n: int, slow: _SlowStore) -> tuple[list, list]:
    got, errors = [], []

    def session():
        try:
            got.append(ui_classroom.shared("info", "ABCDEFG").joined)
        except Exception as e:  # noqa: BLE001 - collected for the assertion
            errors.append(e)

    threads = [threading.Thread(target=session) for _ in range(n)]
    for th in threads:
        th.start()
    assert slow.started.wait(30)
    time.sleep(0.2)  # (scheduling only: lets the other sessions reach the shared read; nothing is timed)
    slow.release.set()
    for th in threads:
        th.join(30)
    return got, errors


@pytest.mark.parametrize("fail", [None, cr.ClassError("not_found"), sqlalchemy.exc.OperationalError("x", {}, None)])
def test_sessions_polling_while_the_shared_read_is_under_way_wait_for_it(monkeypatch, fail):
    """Twenty sessions whose shared value is too old at the same moment: one database read, its value (or its
    error: one timeout for all while the database is down) for every one of them."""
    slow = _SlowStore(fail)
    monkeypatch.setattr(ui_classroom, "SHARED_TTL_S", 60.0)
    monkeypatch.setattr(ui_classroom, "_shared", {})
    monkeypatch.setattr(ui_classroom, "_reading", {})
    monkeypatch.setattr(ui_classroom, "store", lambda: slow)
    got, errors = _poll_at_once(20, slow)
    assert slow.reads == 1
    if fail is None:
        assert got == [1] * 20 and errors == []
    else:
        assert got == [] and len(errors) == 20 and all(e is fail for e in errors)


def test_a_read_that_overlapped_a_write_is_not_shared(monkeypatch):
    """A session reads, the teacher's Reveal is written by this process meanwhile: that read may predate the
    write, so the next poll reads again instead of serving it for SHARED_TTL_S."""
    slow = _SlowStore()
    monkeypatch.setattr(ui_classroom, "SHARED_TTL_S", 60.0)
    monkeypatch.setattr(ui_classroom, "_shared", {})
    monkeypatch.setattr(ui_classroom, "_reading", {})
    monkeypatch.setattr(ui_classroom, "store", lambda: slow)
    th = threading.Thread(target=ui_classroom.shared, args=("info", "ABCDEFG"))
    th.start()
    assert slow.started.wait(30)
    ui_classroom._changed("ABCDEFG")  # a write while the read is under way
    slow.release.set()
    th.join(30)
    assert ui_classroom.shared("info", "ABCDEFG").joined == 2 and slow.reads == 2
    assert ui_classroom.shared("info", "ABCDEFG").joined == 2 and slow.reads == 2  # and that one is shared


def test_leaving_a_class_joined_from_the_sidebar_sticks(store):
    code, _ = store.create_class()
    at = run("swish", lang="en")
    at.text_input(key="class_join").input(code.lower()).run()  # typed in lower case: forgiven
    assert at.session_state["_class_code"] == code and at.button(key="class_submit_swish")
    at.button(key="class_leave").click().run()  # this rerun still carries ?class=CODE from the URL
    assert "_class_code" not in at.session_state and all(b.key != "class_submit_swish" for b in at.button)
    at.run()
    assert "_class_code" not in at.session_state and "class" not in at.query_params


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_quiz_texts_with_asterisks_stay_literal_in_class_mode(store, lang):
    """The /swish question holds x*: inside **bold** its asterisk once turned the question italic with a stray
    '*'. In class mode the question and the teacher's options are escaped markdown."""
    at, code, token = start_class(lang)
    teacher = run("swish", lang=lang, **{"class": code, "teacher": token})
    student = run("swish", lang=lang, **{"class": code})
    question = ui_classroom.quiz_text(type("P", (), {"t": lambda self, k, **f: t(k, lang, **f)})(), "swish.quiz", "q")
    assert "x*" in question
    for page in (teacher, student):
        bold = [m.value for m in page.markdown if m.value.startswith("**") and "x\\*" in m.value]
        assert bold and all(m.endswith("**") and "x\\*" in m for m in bold), [m.value for m in page.markdown][:6]
    options = [m.value for m in teacher.markdown if m.value.startswith("- **A**")]
    assert options and "x\\*" in options[0] and "f\\(x\\*\\)" in options[0]
