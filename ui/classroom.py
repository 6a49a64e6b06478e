"""Streamlit side of class mode (swiglu/classroom.py holds the data): which class this session is in and as whom,
the sidebar join box, the teacher's banner on students' pages, and the class version of every page's quiz.

A session is in a class as a student (code + an anonymous seat, both in the URL, so a student whose server
restarted, or whose replica died, comes back to the same class with the same vote) or as the teacher (code +
token in the session only: the token never stays in the address bar a projector shows). The pages' live parts
are polling fragments (run_every): a fragment rerun reads the database and redraws only itself.
"""

from __future__ import annotations

import importlib
import io
import threading
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import streamlit as st

from swiglu import quiz as quiz_cases
from swiglu import state
from swiglu.i18n import CATALOGUE, t
from swiglu.plots.classroom import option_letter, votes_figure

from .nav import PAGE_BY_ID


class _Lazy:
    """A module imported on first use. The class store (SQLAlchemy, ~0.4 s to import) is needed only once a
    session is in a class or opens /class: every other first page paints without it."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attr: str) -> Any:
        return getattr(importlib.import_module(self._name), attr)


core = _Lazy("swiglu.classroom")
sa_exc = _Lazy("sqlalchemy.exc")
MAX_RAW = 64  # swiglu.classroom.MAX_RAW, for the join box on every page without importing the store (a test checks)

CODE, SEAT, TOKEN = "_class_code", "_class_seat", "_class_token"  # session_state
HANDLED = "_class_handled"  # session_state: URL codes already acted on (a rerun may carry an old URL)
FLASH = "_class_flash"  # session_state: (text key, fields, kind[, first shown]) to show for FLASH_S seconds
FLASH_S = 3.0
LIMIT = "_class_limit"  # session_state: this session's RateLimit
FOLLOWED = "_class_followed"  # session_state: the share_seq this student followed or saw
SUBMITTED = "_class_submitted"  # session_state: page -> message after the last submit
BANNER_SEQ = "_class_banner_seq"  # session_state: the share_seq the banner was drawn for
MINE = "_class_mine"  # session_state: (page, round) -> this seat's answer as stored
RATE_PENALTY_S = 0.25  # a refused click holds its own session this long (sleeping: the GIL is free for the class)
# Reveal and "ask again" reach a student within STUDENT_POLL_S + SHARED_TTL_S (1.5 s) plus one rerun (the
# issue's goal: 2 s). The database does not pay for the shorter poll: shared() serves every session of this process
# one read per class per SHARED_TTL_S, however many students poll and however often.
STUDENT_POLL_S = 1.0
TEACHER_POLL_S = 1.0
BANNER_POLL_S = 2.0
# page id -> the prefix of its quiz texts (<prefix>.q, .o1.., .why): the pages' own registry, so /class asks exactly
# what each page asks
QUIZ_PREFIX = {page_id: prefix for page_id, (prefix, _n, _case) in quiz_cases.PAGE_QUIZZES.items()}
_PAGE_OF_PREFIX = {prefix: page_id for page_id, prefix in QUIZ_PREFIX.items()}


def quiz_text(p, prefix: str, part: str) -> str:
    """A quiz text (`q`, `o1`.., `why`) filled with the fields of the case its page asks about."""
    return p.t(f"{prefix}.{part}", **quiz_cases.page_quiz(_PAGE_OF_PREFIX[prefix])[3])


def quiz_md(p, prefix: str, part: str) -> str:
    """quiz_text as literal markdown: the texts hold x*, f(x*), whose asterisks inside **bold** broke it (seen:
    the /swish question in italics with a stray '*')."""
    from .page import md_escape  # (ui.page imports this module)

    return md_escape(quiz_text(p, prefix, part))


SHARED_TTL_S = 0.5  # a class's state read by many polling sessions of this process: one database read per 0.5 s


def store() -> core.Store:
    return core.get_store()


_shared: dict[tuple, tuple[float, Any, BaseException | None]] = {}  # key -> (read at, value, or what it raised)
_reading: dict[tuple, threading.Lock] = {}  # key -> held by the one session reading it; the others wait for it
_writes = 0  # bumped by _changed: a read that overlapped a write of this process is used once, never shared
_shared_lock = threading.Lock()


_MISS = object()


def _fresh(hit: tuple | None, now: float) -> Any:
    if hit is None or now - hit[0] >= SHARED_TTL_S:
        return _MISS
    if hit[2] is not None:  # the shared read failed (class gone, database down): every waiting session is told
        raise hit[2]
    return hit[1]


def shared(kind: str, c: str, page_id: str = "") -> Any:
    """store().info(c) or store().question(c, page_id), shared by this process's sessions for SHARED_TTL_S:
    sixty students polling the same question cost the database about two reads a second, not sixty. When the
    shared value is too old, one session reads it again while the others wait for that read and take its value,
    or its error (one timeout for all, not sixty in a row, while the database is down)."""
    key = (kind, c, page_id)
    with _shared_lock:
        value = _fresh(_shared.get(key), time.monotonic())
        if value is not _MISS:
            return value
        gate = _reading.setdefault(key, threading.Lock())
    with gate:
        now = time.monotonic()
        with _shared_lock:
            value = _fresh(_shared.get(key), now)
            if value is not _MISS:
                return value  # read by the session this one waited for
            writes = _writes
        error = None
        try:
            value = store().info(c) if kind == "info" else store().question(c, page_id)
        except (core.ClassError, sa_exc.SQLAlchemyError) as e:
            error = e
        with _shared_lock:
            if len(_shared) > 4096:  # many classes at once: forget them all rather than grow
                _shared.clear()
                _reading.clear()  # (a session holding a gate just dropped still finishes; at worst two reads)
            if _writes == writes:
                _shared[key] = (now, value, error)  # aged from before the read: never fresher than the database
    if error is not None:
        raise error
    return value


def _changed(c: str | None) -> None:
    """This process just wrote to class c: its next reads must see that (other replicas see it within the TTL)."""
    global _writes
    with _shared_lock:
        _writes += 1  # a read already under way may predate the write: it is not shared
        for key in [k for k in _shared if k[1] == c]:
            del _shared[key]


def code() -> str | None:
    return st.session_state.get(CODE)


def is_teacher() -> bool:
    return bool(st.session_state.get(TOKEN)) and bool(code())


def _flash(key: str, kind: str = "warning", **fields: object) -> None:
    st.session_state[FLASH] = (key, fields, kind)


FAILED = object()


def _call(fn: Callable[[], Any], code_: str | None = None) -> Any:
    """Run a store call; a refusal or an unreachable database becomes a message on the page (and FAILED is
    returned), never a traceback."""
    try:
        return fn()
    except core.ClassError as e:
        _flash(f"class.err.{e.code}", code=code_ or "")
    except sa_exc.SQLAlchemyError:
        _flash("class.err.db")
    return FAILED


def _limit() -> core.RateLimit:
    if LIMIT not in st.session_state:
        st.session_state[LIMIT] = core.RateLimit()
    return st.session_state[LIMIT]


def leave() -> None:
    for k in (CODE, SEAT, TOKEN, FOLLOWED, SUBMITTED, MINE):
        st.session_state.pop(k, None)


def _join(raw: object, seat: object = None) -> None:
    try:
        c = core.normalise_code(raw)
    except core.ClassError:
        _flash("class.err.invalid_code")
        return
    seat = seat if core.valid_seat(seat) else (st.session_state.get(SEAT) or core.new_seat())
    if _call(lambda: store().join(c, seat), c) is not FAILED:
        leave()
        st.session_state.update({CODE: c, SEAT: seat})
        _mark_handled(c)


def become_teacher(c: str, token: str) -> None:
    leave()
    st.session_state.update({CODE: c, TOKEN: token})
    _mark_handled(c)


def _mark_handled(c: str) -> None:
    """The URL this app writes names the class: a rerun that still carries it after "Leave" must not rejoin."""
    st.session_state.setdefault(HANDLED, set()).add((c, ""))


def resolve() -> None:
    """A class named by the URL (?class=CODE, with &seat= of a returning student or &teacher= of the teacher's
    link) that this session has not acted on yet: check it, then join it. Bad input writes nothing."""
    raw, token = st.query_params.get("class"), st.query_params.get("teacher")
    if raw is None:
        return
    handled: set = st.session_state.setdefault(HANDLED, set())
    key = raw[: core.MAX_RAW + 1], (token or "")[:64]
    if key in handled:
        return
    handled.add(key)
    try:
        c = core.normalise_code(raw)
    except core.ClassError:
        _flash("class.err.invalid_code")
        return
    if token is not None:
        if _call(lambda: store().is_teacher(c, token), c) is True:
            become_teacher(c, token)
        elif FLASH not in st.session_state:
            _flash("class.err.bad_token", code=c)
    elif c != code():  # (the teacher's own class in a plain link: the teacher stays the teacher)
        _join(c, st.query_params.get("seat"))


def url_params() -> dict[str, str]:
    """What the address bar carries for class mode (the teacher's token never)."""
    if code() and not is_teacher():
        return {"class": code(), "seat": st.session_state[SEAT]}
    return {}


def _origin() -> str:
    try:
        url = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser context (AppTest)
        url = ""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def join_link(c: str) -> str:
    return f"{_origin()}/class?class={c}"


def teacher_link(c: str, token: str) -> str:
    return f"{_origin()}/class?class={c}&teacher={token}"


def qr_png(text: str) -> bytes:
    buf = io.BytesIO()
    import segno  # only the teacher's page draws a QR code

    segno.make(text, error="m").save(buf, kind="png", scale=10, border=2)
    return buf.getvalue()


# ---------------------------------------------------------------- every page: sidebar, banner, messages
def frame(p) -> None:
    """Called by ui.page.start on every page: URL -> class, the sidebar box, the banner, pending messages."""
    resolve()
    _sidebar(p)
    flash = st.session_state.get(FLASH)
    if flash:
        # Shown on the runs of the next FLASH_S seconds, not once: a page's first load may rerun by itself (the
        # deep-link rerun, the history script's repair), and a message shown only by the replaced run is lost.
        if len(flash) == 3:
            flash = st.session_state[FLASH] = (*flash, time.monotonic())
        elif time.monotonic() - flash[3] > FLASH_S:
            del st.session_state[FLASH]
            flash = None
    if flash:
        key, fields, kind, _ = flash
        (st.success if kind == "success" else st.warning)(p.t(key, **fields), icon=":material/groups:")
    if code() and not is_teacher():
        # On a page with a question, that question's polling notices a new shared view and reruns the page:
        # one polling part per student page, not two.
        st.fragment(_banner, run_every=None if p.id in QUIZ_PREFIX else BANNER_POLL_S)(p)


def _joined_from_box() -> None:
    raw = st.session_state.get("class_join", "")
    st.session_state["class_join"] = ""
    if raw and _limit().allow():
        _join(raw)
    elif raw:
        _flash("class.err.too_fast")
        time.sleep(RATE_PENALTY_S)


def _share(page_id: str) -> None:
    from .page import STORE, _store_key  # the session's settings, as the page saved them in its last run

    saved = st.session_state.get(STORE, {})
    values = {s.name: saved.get(_store_key(page_id, s.name), s.default) for s in state.page_settings(page_id)}
    values["lang"] = st.session_state.get("lang", "en")
    view = f"{page_id}?{state.query_string(values, page_id)}"
    done = _call(lambda: store().share_view(code(), st.session_state[TOKEN], view), code())
    _changed(code())
    if done is not FAILED:
        _flash("class.shared", kind="success", page=t(f"nav.{page_id}", values["lang"]))


def _sidebar(p) -> None:
    box = st.sidebar.container(border=True)
    if is_teacher():
        box.markdown(f"**{p.t('class.teacher_badge', code=code())}**")
        if p.id != "class":
            box.button(p.t("class.share"), key="class_share", icon=":material/cast:", help=p.t("class.share_help"),
                       on_click=_share, args=(p.id,), width="stretch")
    elif code():
        box.markdown(f"**{p.t('class.in_class', code=code())}**")
        box.button(p.t("class.leave"), key="class_leave", on_click=leave, icon=":material/logout:")
    else:
        box.text_input(p.t("class.join_label"), key="class_join", max_chars=MAX_RAW,
                       placeholder=p.t("class.join_placeholder"), on_change=_joined_from_box)


def _shared_view(share: str | None) -> tuple[str, dict[str, str]] | None:
    """The teacher's shared "page?query", checked again on the way out (page known, settings parsed)."""
    if not share:
        return None
    page_id, _, query = share.partition("?")
    if page_id not in PAGE_BY_ID or page_id == "class":
        return None
    values, _ = state.parse(dict(parse_qsl(query)[: state.MAX_PARAMS]), page_id)
    return page_id, state.serialise(values, page_id)


def _banner(p) -> None:
    info = _read(lambda: shared("info", code()), warn=False)
    if info is None:
        return  # the database did not answer: the next poll tries again
    st.session_state[BANNER_SEQ] = info.share_seq
    view = _shared_view(info.share)
    if view is None or st.session_state.get(FOLLOWED) == info.share_seq:
        return
    page_id, params = view
    with st.container(key="class_banner", border=True):
        c1, c2 = st.columns([4, 1], vertical_alignment="center")
        c1.markdown(f"**{p.t('class.banner', page=p.t(f'nav.{page_id}'))}**")
        if c2.button(p.t("class.follow"), key="class_follow", type="primary", icon=":material/open_in_new:"):
            st.session_state[FOLLOWED] = info.share_seq
            # the teacher's page and settings, in the student's own language
            st.switch_page(PAGE_BY_ID[page_id].file, query_params={**params, "lang": p.lang, **url_params()})


# ---------------------------------------------------------------- the quiz of a page, in class mode
def options_of(prefix: str) -> int:
    n = 0
    while f"{prefix}.o{n + 1}" in CATALOGUE:
        n += 1
    return n


def quiz(p, prefix: str, n_options: int, correct: int, why: str) -> bool:
    """Page.quiz in a class: the student's or the teacher's version (True), or nothing to do here (False)."""
    if not code():
        return False
    st.subheader(p.t("common.quiz_title"))
    st.markdown(f"**{quiz_md(p, prefix, 'q')}**")
    if is_teacher():
        st.markdown("\n".join(f"- **{option_letter(i)}** {quiz_md(p, prefix, f'o{i + 1}')}"
                               for i in range(n_options)))
        st.fragment(_teacher_question, run_every=TEACHER_POLL_S, key=f"class.teach.{p.id}")(
            p, p.id, prefix, n_options, correct - 1, why)
    else:
        st.fragment(_student_question, run_every=STUDENT_POLL_S, key=f"class.quiz.{p.id}")(
            p, prefix, n_options, correct - 1, why)
    return True


def _submit(page_id: str, key: str, n_options: int, correct: int) -> None:
    pick = st.session_state.get(key)
    if pick is None:
        st.session_state.setdefault(SUBMITTED, {})[page_id] = ("class.pick_first", {}, "info")
        return
    if not _limit().allow():
        st.session_state.setdefault(SUBMITTED, {})[page_id] = ("class.err.too_fast", {}, "warning")
        time.sleep(RATE_PENALTY_S)  # a script clicking 100 times a second gets a few runs a second, not 100
        return
    try:
        rnd = store().submit(code(), st.session_state.get(SEAT), page_id, pick, n_options, correct)  # committed
        st.session_state.setdefault(MINE, {})[(page_id, rnd)] = pick
        _changed(code())
        msg = ("class.submitted", {"option": option_letter(pick)}, "success")
    except core.ClassError as e:
        msg = (f"class.err.{e.code}", {"code": code()}, "warning")
    except sa_exc.SQLAlchemyError:
        msg = ("class.err.db", {}, "warning")
    st.session_state.setdefault(SUBMITTED, {})[page_id] = msg


def _answer(p, prefix: str, i: int) -> str:
    return f"{option_letter(i)}. {quiz_md(p, prefix, f'o{i + 1}')}"  # option texts hold x*, f(x*): literal


def _sentences(p, *parts: str) -> str:
    """Sentences in a row: a space between them in English, none after Chinese full stops."""
    return ("" if p.lang == "zh" else " ").join(x for x in parts if x)


def _read(fn: Callable[[], Any], warn: bool = True) -> Any:
    """A read for a polling part: the class gone -> leave it and rerun the page; the database unreachable ->
    None (with a warning unless `warn` is False)."""
    try:
        return fn()
    except core.ClassError as e:
        gone = code()
        leave()
        _flash("class.err." + e.code, code=gone or "")
        st.rerun()
    except sa_exc.SQLAlchemyError:
        if warn:
            st.warning(t("class.err.db", st.session_state.get("lang", "en")))
        return None


def _student_question(p, prefix: str, n_options: int, correct: int, why: str) -> None:
    if not code():
        st.rerun()  # left the class meanwhile
    info = _read(lambda: shared("info", code()))
    if info is not None and info.share_seq != st.session_state.get(BANNER_SEQ):
        st.rerun()  # the teacher shared a view: the banner above this part needs a full run
    q = _read(lambda: shared("question", code(), p.id))
    if q is None:
        return
    cur = q.current
    rnd, revealed = (cur.round, cur.revealed) if cur else (1, False)
    key = f"class.pick.{p.id}.{rnd}"
    mine_key = (p.id, rnd)  # this seat's answer: read once per round, then kept up to date by _submit
    mine_cache = st.session_state.setdefault(MINE, {})
    if mine_key not in mine_cache:
        mine_cache[mine_key] = _read(lambda: store().my_answer(code(), st.session_state[SEAT], p.id, rnd))
    mine = mine_cache[mine_key]
    if key not in st.session_state and mine is not None:
        st.session_state[key] = mine
    options = [quiz_text(p, prefix, f"o{i + 1}") for i in range(n_options)]
    if rnd > 1 and not revealed:
        st.info(p.t("class.round_open", round=rnd), icon=":material/replay:")
    st.radio(p.t("common.quiz_pick"), range(n_options), key=key, index=None,
             format_func=lambda i: f"{option_letter(i)}. {options[i]}", disabled=revealed)
    if not revealed:
        st.button(p.t("class.submit"), key=f"class_submit_{p.id}", type="primary", icon=":material/send:",
                  on_click=_submit, args=(p.id, key, n_options, correct))
        msg = st.session_state.get(SUBMITTED, {}).get(p.id)
        if msg:
            mkey, fields, kind = msg
            {"success": st.success, "info": st.info}.get(kind, st.warning)(p.t(mkey, **fields))
        st.caption(p.t("class.waiting"))
        return
    st.session_state.get(SUBMITTED, {}).pop(p.id, None)
    answer = _answer(p, prefix, correct)
    if mine is None:
        st.info(_sentences(p, p.t("class.no_answer"), p.t("class.answer_is", answer=answer), why))
    elif mine == correct:
        st.success(_sentences(p, p.t("class.your_answer", option=option_letter(mine)), p.t("common.quiz_right"), why))
    else:
        st.warning(_sentences(p, p.t("class.your_answer", option=option_letter(mine)),
                              p.t("common.quiz_wrong", answer=answer), why))
    st.plotly_chart(votes_figure([r.counts for r in q.rounds], correct, p.lang, p.big), key=f"class_chart_{p.id}",
                    config={"displaylogo": False}, width="stretch")


def teacher_question(p, page_id: str, prefix: str, n_options: int, correct: int | None, why: str | None,
                     joined: int | None = None) -> None:
    """Count, chart and the two buttons of one question (the page's own quiz, or a row of /class)."""
    q = _read(lambda: shared("question", code(), page_id))
    if joined is None:
        info = _read(lambda: shared("info", code()))
        joined = info.joined if info is not None else None
    if q is None or joined is None:
        return
    cur = q.current
    rnd, answered, revealed = (cur.round, cur.answered, cur.revealed) if cur else (1, 0, False)
    if correct is None and cur is not None:
        correct = cur.correct
    m1, m2 = st.columns(2)
    with m1.container(key=f"class_count_{page_id}"):
        st.metric(p.t("class.answers_metric", round=rnd), answered,
                  help=p.t("class.answers_help", answered=answered, joined=joined))
    m2.metric(p.t("class.joined_metric"), joined)
    counts = [r.counts for r in q.rounds] or [(0,) * n_options]
    st.plotly_chart(votes_figure(counts, correct if revealed else None, p.lang, p.big),
                    key=f"class_chart_{page_id}", config={"displaylogo": False}, width="stretch")
    b1, b2 = st.columns(2)
    # callbacks: they run before the fragment redraws, so the chart and the buttons show the new state at once
    b1.button(p.t("class.reveal"), key=f"class_reveal_{page_id}", type="primary", disabled=revealed,
              icon=":material/visibility:", width="stretch", on_click=_teacher_act,
              args=("reveal", page_id, n_options, correct))
    b2.button(p.t("class.ask_again"), key=f"class_again_{page_id}", help=p.t("class.ask_again_help"),
              icon=":material/replay:", width="stretch", disabled=cur is None, on_click=_teacher_act,
              args=("ask_again", page_id, n_options, correct))
    if revealed:
        answer = p.t("class.answer_is", answer=_answer(p, prefix, correct)) if correct is not None else ""
        st.success(_sentences(p, p.t("class.revealed"), answer, why or ""))


def _teacher_act(action: str, page_id: str, n_options: int, correct: int | None) -> None:
    c, token = code(), st.session_state.get(TOKEN)
    _call(lambda: getattr(store(), action)(c, token, page_id, n_options, correct), c)
    _changed(c)


def _teacher_question(p, page_id: str, prefix: str, n_options: int, correct: int, why: str) -> None:
    if not is_teacher():
        st.rerun()
    teacher_question(p, page_id, prefix, n_options, correct, why)


# ---------------------------------------------------------------- the /class page
def _start_class() -> None:
    made = _call(lambda: store().create_class())
    if made is not FAILED:
        become_teacher(*made)


def _end_class() -> None:
    c, token = code(), st.session_state.get(TOKEN)
    if _call(lambda: store().end_class(c, token), c) is not FAILED:
        _changed(c)
        leave()
        _flash("class.ended", kind="success")


def page(p) -> None:
    """/class: the teacher's hub (code, join link and QR code, teacher link, every question), a student's note,
    or the button that starts a class."""
    if is_teacher():
        _teacher_hub(p)
    elif code():
        st.info(p.t("class.student_here", code=code()), icon=":material/groups:")
    else:
        st.button(p.t("class.start"), key="class_start", type="primary", icon=":material/co_present:",
                  on_click=_start_class)


CODE_CSS = ("<style>.st-key-class_code p {{font-size: {size}rem !important; font-family: monospace;"
            " letter-spacing: 0.12em; line-height: 1.1; margin: 0;}}</style>")


def _teacher_hub(p) -> None:
    c, token = code(), st.session_state[TOKEN]
    st.html(CODE_CSS.format(size=6 if p.big else 4.5))  # a fixed stylesheet: the code shown large, for the back row
    left, right = st.columns([3, 2])
    with left:
        st.caption(p.t("class.code_label"))
        with st.container(key="class_code"):
            st.markdown(f"**{c}**")
        st.caption(p.t("class.join_link"))
        st.code(join_link(c), language=None, wrap_lines=True)
        # closed: the projector shows this page, and the link is the teacher's secret
        with (st.expander(p.t("class.teacher_link_head"), icon=":material/key:"),
              st.container(key="class_teacher_link")):
            st.caption(p.t("class.teacher_link"))
            st.code(teacher_link(c, token), language=None, wrap_lines=True)
        st.caption(p.t("class.expires", hours=f"{core.ttl_seconds() / 3600:g}"))
        st.button(p.t("class.end"), key="class_end", help=p.t("class.end_help"), icon=":material/stop_circle:",
                  on_click=_end_class)
    with right:
        st.image(qr_png(join_link(c)), alt=p.t("class.qr_alt"), width=360 if p.big else 280)
    st.subheader(p.t("class.questions_head"))
    st.caption(p.t("class.questions_help"))
    st.fragment(_hub_live, run_every=TEACHER_POLL_S, key="class.hub")(p)


def _hub_live(p) -> None:
    if not is_teacher():
        st.rerun()
    info = _read(lambda: shared("info", code()))
    if info is None:
        return
    with st.container(key="class_joined"):
        st.metric(p.t("class.joined_metric"), info.joined)
    cols = st.columns(2)
    for i, (page_id, prefix) in enumerate(QUIZ_PREFIX.items()):
        with cols[i % 2].container(border=True):
            st.markdown(f"**{p.t(f'nav.{page_id}')}**: {quiz_md(p, prefix, 'q')}")
            teacher_question(p, page_id, prefix, options_of(prefix), None, None, info.joined)
