"""Class mode in real Chromium: a teacher and five students, each in a separate browser context.

1. The teacher starts a class on /class; five students join by link; the count on the teacher's /swish reaches 5;
   "Reveal to the class" reaches every student (the delay is printed, never asserted); "Ask again" opens round 2.
2. The server restarts on the same port (SQLite file kept): the students' browsers reconnect by themselves and
   find their class and their votes; the teacher link reopens the teacher view with the same counts.
3. Two replicas + PostgreSQL behind nginx: a student on one replica, the teacher on the other; the student's
   replica is killed; the student's browser comes back through the survivor with its vote, votes again, and the
   teacher sees it.
4. Hostile links: a clear message, no traceback, nothing written.
Screenshots (the teacher's projector view with large fonts, a student's phone at 390 px) go to screenshots/.
"""

from __future__ import annotations

import time

import pytest

from bench._server import start_server
from swiglu import classroom as cr
from swiglu import quiz as quiz_cases
from swiglu.i18n import t

from .conftest import _INIT_JS, REPO, SCREENSHOTS, Tab, _open_tab

WAIT_MS = 20_000  # generous on a shared 2-core machine; the delays are printed, not asserted
LETTERS = "ABCD"


def sel(key: str) -> str:
    return f".st-key-{key}"


def click(tab: Tab, key: str) -> None:
    """Click the button with widget key `key` (a button with help= renders two <button>s: take the first)."""
    tab.page.locator(sel(key) + " button").first.click()


def wait_text(tab: Tab, text: str, timeout: float = WAIT_MS) -> float:
    """Wait until `text` shows on the page; returns the seconds it took."""
    t0 = time.perf_counter()
    tab.page.wait_for_function("s => document.body.innerText.includes(s)", arg=text, timeout=timeout, polling=50)
    return time.perf_counter() - t0


def wait_count(tab: Tab, page_id: str, n: int, timeout: float = WAIT_MS) -> float:
    """Wait until the teacher's count of answers for `page_id` shows n; returns the seconds it took."""
    t0 = time.perf_counter()
    tab.page.wait_for_function(
        "([s, n]) => { const e = document.querySelector(s); return !!e && e.innerText.trim() === String(n); }",
        arg=[sel(f"class_count_{page_id}") + ' [data-testid="stMetricValue"]', n], timeout=timeout, polling=50)
    return time.perf_counter() - t0


def start_class(tab: Tab, lang: str = "en", big: bool = False) -> tuple[str, str]:
    """The teacher clicks "Start a class" on /class; returns (code, teacher link's path and query)."""
    tab.goto(f"/class?lang={lang}" + ("&big=1" if big else ""))
    click(tab, "class_start")
    tab.page.wait_for_selector(sel("class_code"), timeout=WAIT_MS)
    tab.settle()
    assert not tab.page.locator(sel("class_teacher_link")).is_visible()  # closed: the projector shows this page
    tab.page.get_by_text(t("class.teacher_link_head", lang)).click()
    tab.page.wait_for_selector(sel("class_teacher_link") + " code", state="visible", timeout=WAIT_MS)
    code = cr.normalise_code(tab.page.locator(sel("class_code")).inner_text().strip())
    link = tab.page.locator(sel("class_teacher_link") + " code").inner_text().strip()
    assert f"/class?class={code}&teacher=" in link, link
    assert "teacher=" not in tab.page.url  # the secret never sits in the projected address bar
    return code, link[link.index("/class"):]


def pick_and_submit(tab: Tab, page_id: str, option: int, lang: str = "en") -> None:
    letter = LETTERS[option]
    tab.page.locator(f'[data-testid="stRadio"] label:has-text("{letter}. ")').first.click()
    click(tab, f"class_submit_{page_id}")
    wait_text(tab, t("class.submitted", lang, option=letter))


def checked_option(tab: Tab) -> str | None:
    """The letter of the radio option that is checked, or None."""
    return tab.page.evaluate("""() => {
        const i = [...document.querySelectorAll('[data-testid=stRadio] input[type=radio]')].findIndex(e => e.checked);
        return i < 0 ? null : 'ABCD'[i]; }""")


def join(tab: Tab, code: str, page: str, lang: str) -> None:
    tab.goto(f"/{page}?lang={lang}&class={code}")
    tab.page.wait_for_selector(sel(f"class_submit_{page}") + " button", timeout=WAIT_MS)


@pytest.fixture
def class_server(tmp_path, monkeypatch):
    """An app server whose class database is a SQLite file in tmp_path/data; restartable on the same port."""
    data = tmp_path / "data"
    env = {"SWIGLU_DATA_DIR": str(data)}
    servers = []

    def start(port: int | None = None):
        s = start_server("serve.py", cwd=REPO, log=tmp_path / f"server{len(servers)}.log", env=env, port=port)
        servers.append(s)
        return s

    monkeypatch.setenv("SWIGLU_DATA_DIR", str(data))
    yield start
    for s in servers:
        s.stop()


def test_teacher_and_five_students_vote_reveal_ask_again_restart(browser, class_server):
    server = class_server()
    teacher = _open_tab(browser, server)
    students = [_open_tab(browser, server) for _ in range(5)]
    try:
        code, link = start_class(teacher)
        langs = ["en", "zh", "en", "zh", "en"]
        picks = [1, 1, 0, 1, 3]
        for s, lang, pick in zip(students, langs, picks, strict=True):
            join(s, code, "swish", lang)
            pick_and_submit(s, "swish", pick, lang)
        teacher.goto(link.replace("/class", "/swish"))  # the teacher link opens the teacher view on any page
        wait_count(teacher, "swish", 5)
        teacher.assert_no_error()
        t0 = time.perf_counter()
        click(teacher, "class_reveal_swish")
        delays = []
        for s, lang in zip(students, langs, strict=True):
            wait_text(s, t("swish.quiz.why", lang, **quiz_cases.page_quiz("swish")[3])[:40])
            delays.append(time.perf_counter() - t0)
            assert s.page.locator(sel("class_submit_swish")).count() == 0  # no more changes once revealed
            s.page.wait_for_selector(".js-plotly-plot", timeout=WAIT_MS)
        print(f"reveal -> every student's page: {', '.join(f'{d:.2f}' for d in delays)} s "
              f"(goal 2 s + the polling student's rerun)")
        click(teacher, "class_again_swish")
        for s, lang in zip(students, langs, strict=True):
            wait_text(s, t("class.round_open", lang, round=2))
            s.page.wait_for_selector(sel("class_submit_swish") + " button", timeout=WAIT_MS)
        for s, lang in zip(students[:3], langs[:3], strict=True):
            pick_and_submit(s, "swish", 1, lang)
        wait_count(teacher, "swish", 3)
        for tab in (teacher, *students):
            tab.assert_no_error()

        # ---- the server restarts on the same port; the browsers reconnect by themselves
        port = server.port
        server.stop()
        server = class_server(port)
        for s in students:
            s.page.wait_for_selector(sel("class_submit_swish") + " button", timeout=60_000)
            s.settle()
        assert [checked_option(s) for s in students[:3]] == ["B", "B", "B"]  # their round-2 votes came back
        assert all(checked_option(s) is None for s in students[3:])  # the others had not voted in round 2
        pick_and_submit(students[3], "swish", 2, langs[3])  # the same seat: one more answer, not a new one
        teacher.goto(link.replace("/class", "/swish"))
        wait_count(teacher, "swish", 4)
        store = cr.Store()  # SWIGLU_DATA_DIR: the file the server writes
        try:
            q = store.question(code, "swish")
            assert [r.counts for r in q.rounds] == [(1, 3, 0, 1), (0, 3, 1, 0)]
            assert store.info(code).joined == 5
        finally:
            store.close()
        for tab in (teacher, *students):
            tab.assert_no_error()
    finally:
        for tab in (teacher, *students):
            tab.context.close()


HOSTILE = ["' OR 1=1 --", "K7M2PQX'; DROP TABLE swiglu_class; --", "A" * 5000, "课堂代码", "%E2%80%AEK7M2PQX"]


def test_hostile_links_and_codes(browser, class_server):
    server = class_server()
    teacher = _open_tab(browser, server)
    tab = _open_tab(browser, server)
    try:
        code, link = start_class(teacher)
        store = cr.Store()
        before = store.row_counts()
        for raw in HOSTILE:
            tab.goto(f"/swish?lang=zh&class={raw}")
            wait_text(tab, t("class.err.invalid_code", "zh"))
            tab.assert_no_error()
        tab.goto("/swish?lang=en&class=ZZZZZZZ" if code != "ZZZZZZZ" else "/swish?lang=en&class=YYYYYYY")
        wait_text(tab, t("class.err.not_found", "en", code="")[:20])
        guess = link.split("teacher=")[0] + "teacher=" + cr.new_token()
        tab.goto(guess + "&lang=en")
        wait_text(tab, t("class.err.bad_token", "en", code=code))
        assert tab.page.locator(sel("class_end")).count() == 0
        box = tab.page.locator(sel("class_join") + " input")
        for raw in ("' OR 1=1 --", "课堂" * 40, "K7M2PQ"):
            box.fill(raw)
            box.press("Enter")
            wait_text(tab, t("class.err.invalid_code", "en"))
            tab.assert_no_error()
        assert store.row_counts() == before
        store.close()
    finally:
        teacher.context.close()
        tab.context.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_screenshots_projector_and_phone(browser, class_server, lang):
    server = class_server()
    teacher = _open_tab(browser, server)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="en-US", is_mobile=True,
                                device_scale_factor=2)
    phone.add_init_script(_INIT_JS)
    try:
        teacher.page.set_viewport_size({"width": 1920, "height": 1080})
        code, link = start_class(teacher, lang, big=True)
        teacher.page.get_by_text(t("class.teacher_link_head", lang)).click()  # closed again for the photo
        store = cr.Store()
        for i in range(7):  # a few votes so the chart has bars
            seat = cr.new_seat()
            store.join(code, seat)
            store.submit(code, seat, "swish", [1, 1, 0, 1, 2, 1, 3][i], 4)
        store.close()
        teacher.page.wait_for_selector(".js-plotly-plot", timeout=WAIT_MS)
        teacher.settle()
        SCREENSHOTS.mkdir(exist_ok=True)
        teacher.page.screenshot(path=str(SCREENSHOTS / f"class_teacher_{lang}.png"))
        student = Tab(server.url, phone, phone.new_page(), server)
        student.goto(f"/swish?lang={lang}&class={code}")
        student.page.wait_for_selector(sel("class_submit_swish"), timeout=WAIT_MS)
        pick_and_submit(student, "swish", 1, lang)
        student.page.locator(sel("class_submit_swish")).scroll_into_view_if_needed()
        student.page.screenshot(path=str(SCREENSHOTS / f"class_student_phone_{lang}.png"))
        teacher.goto(link.replace("/class", "/swish") + f"&big=1&lang={lang}")
        click(teacher, "class_reveal_swish")
        wait_text(student, t("swish.quiz.why", lang, **quiz_cases.page_quiz("swish")[3])[:30])
        student.page.wait_for_selector(".js-plotly-plot", timeout=WAIT_MS)
        student.settle()
        student.page.locator(".js-plotly-plot").last.scroll_into_view_if_needed()
        student.page.screenshot(path=str(SCREENSHOTS / f"class_student_revealed_{lang}.png"))
        teacher.page.locator(sel("class_count_swish")).scroll_into_view_if_needed()
        teacher.settle()
        teacher.page.screenshot(path=str(SCREENSHOTS / f"class_teacher_question_{lang}.png"))
        teacher.assert_no_error()
        student.assert_no_error()
    finally:
        teacher.context.close()
        phone.close()


def _pin(tab: Tab, upstream: str) -> None:
    """Give the browser a route cookie that nginx hashes to `upstream` (asked through the debug header)."""
    from ..deploy.conftest import last_upstream

    for i in range(200):
        tab.context.clear_cookies()
        tab.context.add_cookies([{"name": "swiglu_route", "value": f"pin{i}", "url": tab.base}])
        if last_upstream(tab.context.request.get(tab.base + "/_stcore/health").headers) == upstream:
            return
    raise AssertionError(f"no route cookie reaches {upstream}")


def test_two_replicas_share_the_class_through_postgresql(browser, tmp_path):
    """Teacher on one replica, student on the other, both behind nginx; the database is PostgreSQL. The student's
    replica is killed: their browser reconnects through the survivor, finds its class and vote, and votes again."""
    import os
    import signal
    from types import SimpleNamespace

    from ..deploy.conftest import run_cluster
    from ..pg_server import start_pg

    pg = start_pg()
    try:
        url = pg.create_db("lab")
        with run_cluster(tmp_path, {"SWIGLU_DATABASE_URL": url}) as c:
            front = SimpleNamespace(url=c.base, log_text=c.logs)
            teacher, student = _open_tab(browser, front), _open_tab(browser, front)
            a, b = sorted(c.upstreams)
            _pin(teacher, a)
            _pin(student, b)
            code, link = start_class(teacher)
            join(student, code, "glu", "en")
            pick_and_submit(student, "glu", 1)
            teacher.goto(link.replace("/class", "/glu"))
            wait_count(teacher, "glu", 1)
            sockets = sum(u.startswith("ws") for u in student.requests)
            os.kill(c.replica_pid(int(b.rsplit(":", 1)[1])), signal.SIGKILL)  # a crash, not a stop
            t0 = time.perf_counter()
            while sum(u.startswith("ws") for u in student.requests) == sockets:  # the browser's own reconnect
                assert time.perf_counter() - t0 < 90, "the student's browser did not reconnect"
                student.page.wait_for_timeout(200)
            student.page.wait_for_selector(sel("class_submit_glu") + " button", timeout=60_000)
            student.settle(timeout=60_000)
            student.page.wait_for_timeout(1500)  # one more poll of the class fragment
            student.settle(timeout=60_000)
            assert checked_option(student) == "B"  # the vote came back from the database, through replica a
            pick_and_submit(student, "glu", 2)
            print(f"student back on the survivor and voted again {time.perf_counter() - t0:.1f} s after the kill")
            teacher.goto(link.replace("/class", "/glu"))
            wait_count(teacher, "glu", 1)  # one student, one answer: changed, not doubled
            store = cr.Store(url)
            try:
                assert store.question(code, "glu").current.counts == (0, 0, 1, 0)
                assert store.info(code).joined == 1
            finally:
                store.close()
            teacher.assert_no_error()
            student.assert_no_error()
            teacher.context.close()
            student.context.close()
    finally:
        pg.stop()


def test_show_my_view_reaches_students_with_a_follow_button(browser, class_server):
    """The teacher shows /glu with its settings; a student on the home page gets the banner by polling and
    Follow opens the teacher's view, still in the class."""
    server = class_server()
    teacher, student = _open_tab(browser, server), _open_tab(browser, server)
    try:
        code, link = start_class(teacher)
        student.goto(f"/?lang=zh&class={code}")
        teacher.goto(link.replace("/class", "/glu") + "&lang=en&gate=geglu&bval=-1.5")
        click(teacher, "class_share")
        wait_text(teacher, t("class.shared", "en", page=t("nav.glu", "en")))
        took = wait_text(student, t("class.banner", "zh", page=t("nav.glu", "zh")))
        print(f"shared view -> the student's banner: {took:.2f} s (polling every 2 s)")
        click(student, "class_follow")
        student.page.wait_for_url("**/glu?**", timeout=WAIT_MS)
        student.settle()
        assert "gate=geglu" in student.page.url and f"class={code}" in student.page.url
        assert "lang=zh" in student.page.url  # the teacher's view, in the student's language
        assert student.page.locator(sel("class_submit_glu")).count() == 1
        student.assert_no_error()
        teacher.assert_no_error()
    finally:
        teacher.context.close()
        student.context.close()
