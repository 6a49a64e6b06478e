"""Class mode's storage: a teacher's class, its questions' voting rounds and the students' anonymous answers.

Peer instruction (Mazur): the class votes on a page's question, the teacher sees the spread, the class discusses,
votes again ("ask again" opens round 2, round 1 is kept), then the teacher reveals the answer to everyone.

SQLAlchemy Core only (no streamlit here). Default: an embedded SQLite file in SWIGLU_DATA_DIR (default ./data),
in WAL mode; SWIGLU_DATABASE_URL (e.g. postgresql://user@host/db, driven by psycopg 3) lets every replica
behind nginx share the class. Every value that comes from a browser is validated here before any query, and
every query is parameterised. Each function commits before it returns, so "submitted" on a page means the
answer is on disk.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite

SCHEMA_VERSION = 1
# Crockford-style: no 0/O, 1/I/L, no U (reads as V on a projector) -> 30 symbols; 7 of them = 34.3 bits.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LEN = 7
MAX_RAW = 64  # longer input is rejected before any processing (a pasted essay is not a class code)
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{22}")  # secrets.token_urlsafe(16): 128 bits
SEAT_RE = re.compile(r"[A-Za-z0-9_-]{16}")  # a student's anonymous id, secrets.token_urlsafe(12)
QUESTION_RE = re.compile(r"[a-z][a-z0-9-]{0,31}")  # a page id
SHARE_MAX = 2000  # the teacher's shared view: page id + query string
MAX_OPTIONS = 10
MAX_ROUNDS = 5
MAX_MEMBERS = 500  # per class: a script joining with made-up seats cannot grow the table without bound
DEFAULT_TTL_HOURS = 12.0
# Expired classes are deleted by the store's own reads and writes, at most once per this many seconds per
# process (SWIGLU_CLASS_PURGE_S): a class idle past its expiry goes within a minute of any class activity, and
# the check costs one indexed SELECT a minute (a write transaction only when something has expired).
PURGE_EVERY_S = 60.0


class ClassError(ValueError):
    """Bad input or a state that forbids the action; `code` names the message the page shows."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code  # "invalid_code" | "not_found" | "expired" | "bad_token" | "revealed" | "invalid" | "full"


# ---------------------------------------------------------------- validation (no database involved)
def normalise_code(raw: object) -> str:
    """What a student typed or a URL carried -> a well-formed code, or ClassError("invalid_code").
    Case, spaces, dashes and full-width characters (NFKC) are forgiven; anything outside the alphabet is not."""
    if not isinstance(raw, str) or len(raw) > MAX_RAW:
        raise ClassError("invalid_code")
    code = unicodedata.normalize("NFKC", raw).upper()
    code = "".join(ch for ch in code if ch not in " -_.\t\u3000")
    if len(code) != CODE_LEN or any(ch not in ALPHABET for ch in code):
        raise ClassError("invalid_code")
    return code


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LEN))


def new_token() -> str:
    return secrets.token_urlsafe(16)


def new_seat() -> str:
    return secrets.token_urlsafe(12)


def valid_seat(seat: object) -> bool:
    return isinstance(seat, str) and SEAT_RE.fullmatch(seat) is not None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _question(question: object) -> str:
    if not isinstance(question, str) or not QUESTION_RE.fullmatch(question):
        raise ClassError("invalid")
    return question


def _seat(seat: object) -> str:
    if not valid_seat(seat):
        raise ClassError("invalid")
    return seat  # type: ignore[return-value]


def _env_seconds(name: str, default: float, scale: float, lo: float, hi: float) -> float:
    """float(os.environ[name]) * scale, clamped to lo..hi; missing, nonsense or NaN gives the default."""
    try:
        v = float(os.environ.get(name, default))
    except ValueError:
        v = default
    if not v == v:  # NaN
        v = default
    return min(max(v * scale, lo), hi)


def ttl_seconds() -> float:
    """SWIGLU_CLASS_TTL_HOURS (default 12); nonsense falls back to the default, and is clamped to 5 min..7 days."""
    return _env_seconds("SWIGLU_CLASS_TTL_HOURS", DEFAULT_TTL_HOURS, 3600, 300, 7 * 24 * 3600)


def purge_every_seconds() -> float:
    """SWIGLU_CLASS_PURGE_S (default 60); nonsense falls back to the default, and is clamped to 1 s..1 h."""
    return _env_seconds("SWIGLU_CLASS_PURGE_S", PURGE_EVERY_S, 1, 1.0, 3600.0)


class RateLimit:
    """Token bucket: `burst` actions at once, then `rate` per second. One per session, so a student's script
    clicking 100 times a second costs the database a handful of writes and leaves the class alone."""

    def __init__(self, rate: float = 4.0, burst: int = 8, clock=time.monotonic):
        self.rate, self.burst, self.clock = rate, burst, clock
        self.tokens, self.last = float(burst), clock()
        self._lock = threading.Lock()

    def allow(self) -> bool:
        with self._lock:
            now = self.clock()
            self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
            self.last = now
            if self.tokens >= 1:
                self.tokens -= 1
                return True
            return False


# ---------------------------------------------------------------- schema
meta = sa.MetaData()
schema_table = sa.Table("swiglu_schema", meta, sa.Column("version", sa.Integer, primary_key=True))
classes = sa.Table(
    "swiglu_class", meta,
    sa.Column("code", sa.String(CODE_LEN), primary_key=True),
    sa.Column("teacher_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False, index=True),
    sa.Column("share", sa.String(SHARE_MAX)),  # "page?query" the teacher shows the class, or NULL
    sa.Column("share_seq", sa.Integer, nullable=False, default=0),  # bumps on every "show my view"
)
members = sa.Table(
    "swiglu_member", meta,
    sa.Column("code", sa.String(CODE_LEN), primary_key=True),
    sa.Column("seat", sa.String(16), primary_key=True),
    sa.Column("joined_at", sa.Float, nullable=False),
)
rounds = sa.Table(
    "swiglu_round", meta,
    sa.Column("code", sa.String(CODE_LEN), primary_key=True),
    sa.Column("question", sa.String(32), primary_key=True),
    sa.Column("round", sa.Integer, primary_key=True),
    sa.Column("n_options", sa.Integer, nullable=False),
    sa.Column("correct", sa.Integer),  # 0-based; known once a page that holds the quiz has drawn it
    sa.Column("revealed", sa.Boolean, nullable=False, default=False),
)
answers = sa.Table(
    "swiglu_answer", meta,
    sa.Column("code", sa.String(CODE_LEN), primary_key=True),
    sa.Column("question", sa.String(32), primary_key=True),
    sa.Column("round", sa.Integer, primary_key=True),
    sa.Column("seat", sa.String(16), primary_key=True),
    sa.Column("choice", sa.Integer, nullable=False),
    sa.Column("at", sa.Float, nullable=False),
)
CHILD_TABLES = (answers, rounds, members)


@dataclass(frozen=True)
class ClassInfo:
    code: str
    created_at: float
    expires_at: float
    share: str | None
    share_seq: int
    joined: int


@dataclass(frozen=True)
class Round:
    round: int
    n_options: int
    correct: int | None
    revealed: bool
    counts: tuple[int, ...]  # answers per option

    @property
    def answered(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Question:
    """Every round of one question, oldest first (empty: nobody has answered yet)."""

    rounds: tuple[Round, ...]

    @property
    def current(self) -> Round | None:
        return self.rounds[-1] if self.rounds else None


def database_url() -> str:
    """SWIGLU_DATABASE_URL, else a SQLite file in SWIGLU_DATA_DIR (default ./data, created)."""
    url = os.environ.get("SWIGLU_DATABASE_URL", "").strip()
    if url:
        for plain in ("postgresql://", "postgres://"):
            if url.startswith(plain):  # the plain form names the psycopg2 driver; ours is psycopg 3
                url = "postgresql+psycopg://" + url[len(plain):]
        return url
    folder = Path(os.environ.get("SWIGLU_DATA_DIR", "data"))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{(folder / 'classroom.sqlite3').resolve()}"


def _sqlite_setup(engine: sa.Engine) -> None:
    """WAL (readers never wait for the writer), a busy timeout instead of "database is locked", and write
    transactions that take the write lock at BEGIN (BEGIN IMMEDIATE): a read-then-write transaction can
    then never fail half-way because another connection wrote in between."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None  # the driver's own implicit BEGIN off: we issue BEGIN below
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=10000")
        cur.execute("PRAGMA synchronous=FULL")  # committed = on disk, also across a power cut
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get("write") else "BEGIN")


class Store:
    """One database (one engine, its pool shared by the sessions of this process)."""

    def __init__(self, url: str | None = None, clock=time.time, purge_every_s: float | None = None):
        self.url = url or database_url()
        self.clock = clock
        self.purge_every_s = purge_every_seconds() if purge_every_s is None else purge_every_s
        self.dialect = sa.engine.make_url(self.url).get_backend_name()
        if self.dialect not in ("sqlite", "postgresql"):
            raise ValueError(f"unsupported database {self.dialect!r}: SQLite or PostgreSQL")
        kw: dict = {"pool_pre_ping": True}
        if self.dialect == "sqlite":
            kw["connect_args"] = {"check_same_thread": False, "timeout": 10}
        self.engine = sa.create_engine(self.url, **kw)
        if self.dialect == "sqlite":
            _sqlite_setup(self.engine)
        self._insert = sqlite.insert if self.dialect == "sqlite" else postgresql.insert
        self._last_purge = 0.0
        self._purge_lock = threading.Lock()
        self._create_schema()

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def _tx(self, write: bool = False, purge: bool = True) -> Iterator[sa.Connection]:
        """A transaction. Every read and write of the class paths then gives the purge its chance: after the
        caller's own work, so a student asking for an expired class hears "expired", and the class goes right
        after (purge=False: the purge's own transactions, the schema's, and observers such as row_counts)."""
        try:
            with self.engine.connect() as conn:
                conn.execution_options(write=write)
                with conn.begin():
                    yield conn
        except ClassError:
            if purge:
                self._purge_if_due()
            raise
        if purge:
            self._purge_if_due()

    def _create_schema(self) -> None:
        with self._tx(write=True, purge=False) as c:
            if self.dialect == "postgresql":  # replicas starting together: one creates, the others wait
                c.execute(sa.text("SELECT pg_advisory_xact_lock(7316001)"))
            meta.create_all(c)
            found = c.execute(sa.select(sa.func.max(schema_table.c.version))).scalar()
            if found is None:
                c.execute(schema_table.insert().values(version=SCHEMA_VERSION))
            elif found > SCHEMA_VERSION:
                raise RuntimeError(f"database schema {found} is newer than this app's {SCHEMA_VERSION}")

    def schema_version(self) -> int:
        with self._tx(purge=False) as c:
            return int(c.execute(sa.select(sa.func.max(schema_table.c.version))).scalar())

    # ---- expiry ----
    def purge_expired(self, force: bool = False) -> int:
        """Delete classes past their expiry, with everything in them; returns how many. Unless forced, at most
        once per purge_every_s (and skipped while another thread of this process is purging)."""
        now = self.clock()
        if not force and now - self._last_purge < self.purge_every_s:
            return 0
        if not self._purge_lock.acquire(blocking=force):
            return 0
        try:
            if not force and now - self._last_purge < self.purge_every_s:
                return 0  # another thread purged while this one waited for the lock
            self._last_purge = now  # before the queries: a failing database is not asked again at once
            return self._purge(now)
        finally:
            self._purge_lock.release()

    def _purge_if_due(self) -> None:
        if self.clock() - self._last_purge < self.purge_every_s:  # the common case costs this comparison
            return
        try:
            self.purge_expired()
        except sa.exc.SQLAlchemyError:
            pass  # the caller's own work is done (a vote committed must not read as failed); retried next interval

    def _purge(self, now: float) -> int:
        expired = sa.select(classes.c.code).where(classes.c.expires_at <= now)
        with self._tx(purge=False) as c:  # a read first: nothing expired -> no write lock (SQLite: BEGIN IMMEDIATE)
            if c.execute(expired.limit(1)).first() is None:
                return 0
        with self._tx(write=True, purge=False) as c:
            for table in CHILD_TABLES:  # expires_at never changes, so the subquery names the same classes each time
                c.execute(table.delete().where(table.c.code.in_(expired)))
            return c.execute(classes.delete().where(classes.c.expires_at <= now)).rowcount

    def _delete(self, c: sa.Connection, code: str) -> None:
        for table in CHILD_TABLES:
            c.execute(table.delete().where(table.c.code == code))
        c.execute(classes.delete().where(classes.c.code == code))

    def _live(self, c: sa.Connection, code: str) -> sa.Row:
        """The class's row if it exists and has not expired (else ClassError)."""
        row = c.execute(sa.select(classes).where(classes.c.code == code)).first()
        if row is None:
            raise ClassError("not_found")
        if row.expires_at <= self.clock():
            raise ClassError("expired")
        return row

    # ---- teacher ----
    def create_class(self) -> tuple[str, str]:
        """A new class: (code, teacher token). Only the token's hash is stored."""
        token = new_token()
        now = self.clock()
        for _ in range(20):  # 30^7 codes: a collision is rare, but a live class must never be taken over
            code = new_code()
            with self._tx(write=True) as c:
                if c.execute(sa.select(classes.c.code).where(classes.c.code == code)).first() is None:
                    c.execute(classes.insert().values(code=code, teacher_hash=_token_hash(token), created_at=now,
                                                      expires_at=now + ttl_seconds(), share=None, share_seq=0))
                    return code, token
        raise RuntimeError("no free class code found")

    def is_teacher(self, raw_code: object, token: object) -> bool:
        """Does `token` open the teacher view of the class? Malformed input is False without a query."""
        code = normalise_code(raw_code)
        if not isinstance(token, str) or not TOKEN_RE.fullmatch(token):
            return False
        with self._tx() as c:
            row = self._live(c, code)
        return hmac.compare_digest(_token_hash(token), row.teacher_hash)

    def _teacher(self, c: sa.Connection, code: str, token: object) -> sa.Row:
        row = self._live(c, code)
        if not isinstance(token, str) or not TOKEN_RE.fullmatch(token) or not hmac.compare_digest(
                _token_hash(token), row.teacher_hash):
            raise ClassError("bad_token")
        return row

    def end_class(self, raw_code: object, token: object) -> None:
        code = normalise_code(raw_code)
        with self._tx(write=True) as c:
            self._teacher(c, code, token)
            self._delete(c, code)

    def share_view(self, raw_code: object, token: object, view: str | None) -> None:
        """The teacher's current page and settings ("page?query", validated by the caller) for the banner."""
        code = normalise_code(raw_code)
        if view is not None and (not isinstance(view, str) or len(view) > SHARE_MAX or not view.isprintable()):
            raise ClassError("invalid")
        with self._tx(write=True) as c:
            row = self._teacher(c, code, token)
            c.execute(classes.update().where(classes.c.code == code)
                      .values(share=view, share_seq=row.share_seq + 1))

    def _ensure_round(self, c: sa.Connection, code: str, question: str, n_options: int,
                      correct: int | None) -> sa.Row:
        """The current round of a question (created as round 1 on first use; fills in `correct` if unknown)."""
        cur = c.execute(sa.select(rounds).where(rounds.c.code == code, rounds.c.question == question)
                        .order_by(rounds.c.round.desc()).limit(1).with_for_update()).first()
        if cur is None:
            c.execute(self._insert(rounds).values(code=code, question=question, round=1, n_options=n_options,
                                                  correct=correct, revealed=False).on_conflict_do_nothing())
            return c.execute(sa.select(rounds).where(rounds.c.code == code, rounds.c.question == question,
                                                     rounds.c.round == 1).with_for_update()).one()
        if cur.correct is None and correct is not None:
            c.execute(rounds.update().where(rounds.c.code == code, rounds.c.question == question)
                      .values(correct=correct))
        return cur

    @contextmanager
    def _teacher_round(self, raw_code: object, token: object, question: str, n_options: int,
                       correct: int | None) -> Iterator[tuple[sa.Connection, sa.Row]]:
        """A write transaction for the teacher's action on a question: inputs checked, token verified, the
        current round locked (created if nobody answered yet)."""
        code, question = normalise_code(raw_code), _question(question)
        n_options, correct = _options(n_options, correct)
        with self._tx(write=True) as c:
            self._teacher(c, code, token)
            yield c, self._ensure_round(c, code, question, n_options, correct)

    def reveal(self, raw_code: object, token: object, question: str, n_options: int,
               correct: int | None = None) -> None:
        with self._teacher_round(raw_code, token, question, n_options, correct) as (c, cur):
            c.execute(rounds.update().where(rounds.c.code == cur.code, rounds.c.question == cur.question,
                                            rounds.c.round == cur.round).values(revealed=True))

    def ask_again(self, raw_code: object, token: object, question: str, n_options: int,
                  correct: int | None = None) -> int:
        """Open the next round (earlier rounds and their answers stay); returns its number."""
        with self._teacher_round(raw_code, token, question, n_options, correct) as (c, cur):
            if cur.round >= MAX_ROUNDS:
                raise ClassError("full")
            c.execute(rounds.insert().values(code=cur.code, question=cur.question, round=cur.round + 1,
                                             n_options=cur.n_options,
                                             correct=cur.correct if cur.correct is not None else correct,
                                             revealed=False))
            return cur.round + 1

    # ---- students ----
    def join(self, raw_code: object, seat: object) -> ClassInfo:
        code, seat = normalise_code(raw_code), _seat(seat)
        try:
            with self._tx(write=True) as c:
                self._live(c, code)
                known = c.execute(sa.select(members.c.seat).where(members.c.code == code,
                                                                  members.c.seat == seat)).first()
                if known is None:
                    n = c.execute(sa.select(sa.func.count()).select_from(members)
                                  .where(members.c.code == code)).scalar()
                    if n >= MAX_MEMBERS:
                        raise ClassError("full")
                    c.execute(members.insert().values(code=code, seat=seat, joined_at=self.clock()))
        except ClassError as e:
            if e.code == "expired":
                self.purge_expired(force=True)  # expired data goes as soon as someone asks for it
            raise
        return self.info(code)

    def submit(self, raw_code: object, seat: object, question: str, choice: object, n_options: int,
               correct: int | None = None) -> int:
        """Record (or change) this student's answer in the question's current round; returns the round.
        Committed when this returns. Refused once the round is revealed (ClassError("revealed"))."""
        code, seat, question = normalise_code(raw_code), _seat(seat), _question(question)
        n_options, correct = _options(n_options, correct)
        if isinstance(choice, bool) or not isinstance(choice, int) or not 0 <= choice < n_options:
            raise ClassError("invalid")
        with self._tx(write=True) as c:
            self._live(c, code)
            if c.execute(sa.select(members.c.seat).where(members.c.code == code,
                                                         members.c.seat == seat)).first() is None:
                raise ClassError("not_found")  # answers only from a seat that joined
            cur = self._ensure_round(c, code, question, n_options, correct)  # locks the round row (PostgreSQL)
            if cur.revealed:
                raise ClassError("revealed")
            if choice >= cur.n_options:
                raise ClassError("invalid")
            ins = self._insert(answers).values(code=code, question=question, round=cur.round, seat=seat,
                                               choice=choice, at=self.clock())
            c.execute(ins.on_conflict_do_update(index_elements=["code", "question", "round", "seat"],
                                                set_={"choice": choice, "at": ins.excluded.at}))
            return cur.round

    # ---- reading ----
    def info(self, raw_code: object) -> ClassInfo:
        code = normalise_code(raw_code)
        with self._tx() as c:
            row = self._live(c, code)
            joined = c.execute(sa.select(sa.func.count()).select_from(members)
                               .where(members.c.code == code)).scalar()
        return ClassInfo(code, row.created_at, row.expires_at, row.share, row.share_seq, int(joined))

    def question(self, raw_code: object, question: str) -> Question:
        """Every round of a question with its counts per option."""
        code, question = normalise_code(raw_code), _question(question)
        with self._tx() as c:
            self._live(c, code)
            rs = c.execute(sa.select(rounds).where(rounds.c.code == code, rounds.c.question == question)
                           .order_by(rounds.c.round)).all()
            tallies = c.execute(sa.select(answers.c.round, answers.c.choice, sa.func.count())
                                .where(answers.c.code == code, answers.c.question == question)
                                .group_by(answers.c.round, answers.c.choice)).all()
        per: dict[int, dict[int, int]] = {}
        for r, ch, n in tallies:
            per.setdefault(r, {})[ch] = int(n)
        return Question(tuple(Round(r.round, r.n_options, r.correct, bool(r.revealed),
                                    tuple(per.get(r.round, {}).get(i, 0) for i in range(r.n_options)))
                              for r in rs))

    def my_answer(self, raw_code: object, seat: object, question: str, round_: int) -> int | None:
        code, seat, question = normalise_code(raw_code), _seat(seat), _question(question)
        with self._tx() as c:
            return c.execute(sa.select(answers.c.choice).where(
                answers.c.code == code, answers.c.question == question, answers.c.round == int(round_),
                answers.c.seat == seat)).scalar()

    def row_counts(self) -> dict[str, int]:
        """Rows per table (tests: hostile input must write nothing)."""
        with self._tx(purge=False) as c:  # an observer: it must not purge what a test is about to look at
            return {t.name: int(c.execute(sa.select(sa.func.count()).select_from(t)).scalar())
                    for t in (classes, *CHILD_TABLES)}


def _options(n_options: object, correct: object) -> tuple[int, int | None]:
    if isinstance(n_options, bool) or not isinstance(n_options, int) or not 2 <= n_options <= MAX_OPTIONS:
        raise ClassError("invalid")
    if correct is not None and (isinstance(correct, bool) or not isinstance(correct, int)
                                or not 0 <= correct < n_options):
        raise ClassError("invalid")
    return n_options, correct


_STORE: Store | None = None
_STORE_LOCK = threading.Lock()


def get_store() -> Store:
    """The process's store (created on first use: the schema is made then)."""
    global _STORE
    with _STORE_LOCK:
        if _STORE is None:
            _STORE = Store()
        return _STORE
