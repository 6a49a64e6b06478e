"""Class mode's storage (swiglu/classroom.py) against SQLite and against a real PostgreSQL server started here."""

from __future__ import annotations

import math
import threading
import uuid

import pytest
import sqlalchemy as sa

from swiglu import classroom as cr
from swiglu.classroom import ClassError, Store

from .pg_server import start_pg


@pytest.fixture(scope="module")
def pg():
    srv = start_pg()
    yield srv
    srv.stop()


class Clock:
    def __init__(self, t: float = 1_000_000.0):
        self.t = t

    def __call__(self) -> float:
        return self.t


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    clock = Clock()
    if request.param == "sqlite":
        s = Store(f"sqlite:///{tmp_path / 'class.sqlite3'}", clock=clock)
    else:
        srv = request.getfixturevalue("pg")
        s = Store(srv.create_db("t" + uuid.uuid4().hex[:12]), clock=clock)
    s.test_clock = clock
    yield s
    s.close()


def joined(store: Store, n: int = 1) -> tuple[str, str, list[str]]:
    code, token = store.create_class()
    seats = [cr.new_seat() for _ in range(n)]
    for seat in seats:
        store.join(code, seat)
    return code, token, seats


# ---------------------------------------------------------------- codes and tokens
def test_code_alphabet_has_no_look_alikes_and_enough_entropy():
    assert not set("0O1IL") & set(cr.ALPHABET)
    assert len(set(cr.ALPHABET)) == len(cr.ALPHABET)
    assert cr.CODE_LEN * math.log2(len(cr.ALPHABET)) >= 30
    codes = {cr.new_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(len(c) == cr.CODE_LEN and set(c) <= set(cr.ALPHABET) for c in codes)


def test_teacher_token_is_128_bits():
    tok = cr.new_token()
    assert cr.TOKEN_RE.fullmatch(tok) and len(tok) * 6 >= 128


@pytest.mark.parametrize("raw, want", [("abcdefg", "ABCDEFG"), (" k7m-2pq x", "K7M2PQX"),
                                       ("ｋ７ｍ２ｐｑｘ", "K7M2PQX")])
def test_normalise_code_forgives_case_spaces_full_width(raw, want):
    assert cr.normalise_code(raw) == want


HOSTILE = ["' OR 1=1 --", "K7M2PQX'; DROP TABLE swiglu_class; --", "x" * 5000, "课堂代码一二三", "K7M2PQ\u0000X",
           "K7M2PQO", "K7M2PQ", "K7M2PQXY", "", None, 12345678, ["K7M2PQX"], "K7M2PQ\u202eX"]


@pytest.mark.parametrize("raw", HOSTILE)
def test_hostile_codes_are_refused_before_any_query(raw):
    with pytest.raises(ClassError) as e:
        cr.normalise_code(raw)
    assert e.value.code == "invalid_code"


def test_rate_limit_lets_a_burst_through_then_the_rate():
    clock = Clock(0.0)
    lim = cr.RateLimit(rate=4, burst=8, clock=clock)
    allowed = 0
    for i in range(100):  # 100 clicks in one second
        clock.t = i / 100
        allowed += lim.allow()
    assert 8 <= allowed <= 8 + 4 + 1
    clock.t = 10.0
    assert lim.allow()


def test_ttl_from_environment(monkeypatch):
    monkeypatch.setenv("SWIGLU_CLASS_TTL_HOURS", "2")
    assert cr.ttl_seconds() == 7200
    for bad in ("nan", "x", "-5"):
        monkeypatch.setenv("SWIGLU_CLASS_TTL_HOURS", bad)
        assert 300 <= cr.ttl_seconds() <= 7 * 86400
    monkeypatch.delenv("SWIGLU_CLASS_TTL_HOURS")
    assert cr.ttl_seconds() == 12 * 3600


def test_database_url(monkeypatch, tmp_path):
    monkeypatch.setenv("SWIGLU_DATABASE_URL", "postgresql://u@db/lab")
    assert cr.database_url() == "postgresql+psycopg://u@db/lab"
    monkeypatch.delenv("SWIGLU_DATABASE_URL")
    monkeypatch.setenv("SWIGLU_DATA_DIR", str(tmp_path / "d"))
    assert cr.database_url() == f"sqlite:///{tmp_path / 'd' / 'classroom.sqlite3'}"
    assert (tmp_path / "d").is_dir()


# ---------------------------------------------------------------- both databases
def test_schema_is_versioned_and_reopening_keeps_data(store):
    assert store.schema_version() == cr.SCHEMA_VERSION
    code, token, seats = joined(store)
    store.submit(code, seats[0], "swish", 2, 4)
    again = Store(store.url, clock=store.clock)  # a restart: same database, schema found, nothing lost
    try:
        assert again.schema_version() == cr.SCHEMA_VERSION
        assert again.question(code, "swish").current.counts == (0, 0, 1, 0)
        assert again.is_teacher(code, token)
    finally:
        again.close()


def test_newer_schema_is_refused(store):
    with store.engine.begin() as c:
        c.execute(cr.schema_table.insert().values(version=cr.SCHEMA_VERSION + 1))
    with pytest.raises(RuntimeError, match="newer"):
        Store(store.url)


def test_sqlite_runs_in_wal_mode(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    s.close()


def test_teacher_token_hash_only(store):
    code, token = store.create_class()
    with store.engine.connect() as c:
        row = c.execute(sa.select(cr.classes)).one()
    assert token not in tuple(str(v) for v in row)
    assert store.is_teacher(code, token)
    assert not store.is_teacher(code, cr.new_token())
    assert not store.is_teacher(code, token[:-1] + ("A" if token[-1] != "A" else "B"))
    assert not store.is_teacher(code, "' OR 1=1 --")


def test_vote_change_reveal_and_rounds(store):
    code, token, seats = joined(store, 5)
    for i, seat in enumerate(seats):
        store.submit(code, seat, "swish", i % 2, 4, correct=1)
    assert store.question(code, "swish").current.counts == (3, 2, 0, 0)
    store.submit(code, seats[0], "swish", 3, 4)  # changed before the reveal: still one answer
    q = store.question(code, "swish").current
    assert q.counts == (2, 2, 0, 1) and q.answered == 5 and q.correct == 1 and not q.revealed
    assert store.my_answer(code, seats[0], "swish", 1) == 3
    store.reveal(code, token, "swish", 4)
    with pytest.raises(ClassError) as e:
        store.submit(code, seats[1], "swish", 2, 4)
    assert e.value.code == "revealed"
    assert store.ask_again(code, token, "swish", 4) == 2
    store.submit(code, seats[1], "swish", 1, 4)
    q = store.question(code, "swish")
    assert [r.round for r in q.rounds] == [1, 2]
    assert q.rounds[0].counts == (2, 2, 0, 1) and q.rounds[0].revealed  # round 1 kept
    assert q.rounds[1].counts == (0, 1, 0, 0) and not q.rounds[1].revealed
    assert store.info(code).joined == 5
    assert store.question(code, "glu").rounds == ()  # questions are separate


def test_only_the_teacher_controls_the_class(store):
    code, token, seats = joined(store)
    before = store.row_counts()
    for action in (lambda t: store.reveal(code, t, "swish", 4), lambda t: store.ask_again(code, t, "swish", 4),
                   lambda t: store.share_view(code, t, "swish?beta=2.0"), lambda t: store.end_class(code, t)):
        for guess in (cr.new_token(), "", "x" * 5000, None, "' OR '1'='1"):
            with pytest.raises(ClassError) as e:
                action(guess)
            assert e.value.code == "bad_token"
    assert store.row_counts() == before


def test_bad_input_writes_nothing(store):
    code, token, seats = joined(store)
    before = store.row_counts()
    bad_calls = [
        lambda: store.join("' OR 1=1 --", cr.new_seat()),
        lambda: store.join(code, "'; DROP TABLE swiglu_answer; --"),
        lambda: store.join("ZZZZZZZ", cr.new_seat()),  # well-formed, no such class
        lambda: store.submit(code, seats[0], "swish", 7, 4),
        lambda: store.submit(code, seats[0], "swish", -1, 4),
        lambda: store.submit(code, seats[0], "swish", True, 4),
        lambda: store.submit(code, seats[0], "swish", "1", 4),
        lambda: store.submit(code, seats[0], "Swish'; --", 1, 4),
        lambda: store.submit(code, seats[0], "swish", 1, 4000),
        lambda: store.submit(code, cr.new_seat(), "swish", 1, 4),  # a seat that never joined
        lambda: store.share_view(code, token, "x" * (cr.SHARE_MAX + 1)),
    ]
    for call in bad_calls:
        with pytest.raises(ClassError):
            call()
    assert store.row_counts() == before


def test_expiry_and_purge(store):
    code, token, seats = joined(store)
    store.submit(code, seats[0], "swish", 0, 4)
    store.test_clock.t += cr.ttl_seconds() + 1
    with pytest.raises(ClassError) as e:
        store.join(code, cr.new_seat())
    assert e.value.code in ("expired", "not_found")
    with pytest.raises(ClassError):
        store.submit(code, seats[0], "swish", 1, 4)
    store.purge_expired(force=True)
    assert store.row_counts() == {t: 0 for t in store.row_counts()}
    with pytest.raises(ClassError) as e:
        store.info(code)
    assert e.value.code == "not_found"


def test_an_idle_expired_class_is_purged_by_another_class_reads(store, monkeypatch):
    """Nobody creates or joins a class: a plain read of a live class deletes an expired one (every table), at
    most once per purge_every_s, and leaves the live class alone."""
    monkeypatch.setenv("SWIGLU_CLASS_TTL_HOURS", "0.01")  # clamped to the shortest ttl, 5 min
    ttl, every = cr.ttl_seconds(), store.purge_every_s
    assert ttl == 300 and every < ttl / 3
    clock = store.test_clock
    old, _, old_seats = joined(store, 2)
    store.submit(old, old_seats[0], "swish", 1, 4)
    clock.t += ttl / 2
    live, live_token, live_seats = joined(store, 1)  # its reads and writes purge: nothing has expired yet
    store.submit(live, live_seats[0], "swish", 2, 4)
    store.share_view(live, live_token, "swish?beta=2.0")
    full = {"swiglu_class": 2, "swiglu_member": 3, "swiglu_round": 2, "swiglu_answer": 2}
    assert store.row_counts() == full
    clock.t += ttl / 2 + 1  # `old` expired, `live` has ttl/2 left
    assert store.row_counts() == full  # expired but still there: nobody has asked the store anything
    assert store.info(live).joined == 1  # a plain read of the other class
    assert store.row_counts() == {"swiglu_class": 1, "swiglu_member": 1, "swiglu_round": 1, "swiglu_answer": 1}
    with pytest.raises(ClassError) as e:
        store.info(old)
    assert e.value.code == "not_found"
    info = store.info(live)
    assert (info.share, info.share_seq) == ("swish?beta=2.0", 1)
    assert store.question(live, "swish").current.counts == (0, 0, 1, 0)
    assert store.my_answer(live, live_seats[0], "swish", 1) == 2

    # at most once per purge_every_s: a purge just before `live` expires, then nothing until the interval is over
    clock.t = info.expires_at - 1
    assert store.info(live).joined == 1  # purges (the interval is over): nothing has expired
    clock.t += 2  # `live` expired a second ago
    with pytest.raises(ClassError) as e:
        store.info(live)  # refused (expired) but not yet deleted
    assert e.value.code == "expired"
    assert store.row_counts()["swiglu_class"] == 1
    clock.t += every
    with pytest.raises(ClassError):
        store.info(live)
    assert store.row_counts() == {t: 0 for t in store.row_counts()}


def test_the_purge_check_writes_nothing_while_nothing_expired(store):
    """The check on the regular paths is a read: no write transaction (SQLite: no write lock) unless a class
    has expired."""
    code, _, seats = joined(store, 1)
    writes = []
    sa.event.listen(store.engine, "begin", lambda conn: writes.append(bool(conn.get_execution_options().get("write"))))
    store.test_clock.t += store.purge_every_s * 3  # a purge is due on the next call
    assert store.info(code).joined == 1
    assert writes and not any(writes)  # the purge's check and the read itself: reads only
    assert store.purge_expired() == 0
    assert store.purge_expired(force=True) == 0 and not any(writes)


def test_purge_interval_from_environment_and_store(monkeypatch, tmp_path):
    monkeypatch.setenv("SWIGLU_CLASS_PURGE_S", "5")
    assert cr.purge_every_seconds() == 5
    for bad, want in (("nan", cr.PURGE_EVERY_S), ("x", cr.PURGE_EVERY_S), ("-5", 1.0), ("1e9", 3600.0)):
        monkeypatch.setenv("SWIGLU_CLASS_PURGE_S", bad)
        assert cr.purge_every_seconds() == want
    monkeypatch.delenv("SWIGLU_CLASS_PURGE_S")
    assert cr.purge_every_seconds() == cr.PURGE_EVERY_S
    monkeypatch.setenv("SWIGLU_CLASS_PURGE_S", "7")
    s = Store(f"sqlite:///{tmp_path / 'p.sqlite3'}")
    t = Store(f"sqlite:///{tmp_path / 'p.sqlite3'}", purge_every_s=2.0)
    assert (s.purge_every_s, t.purge_every_s) == (7.0, 2.0)
    s.close()
    t.close()


def test_end_class_deletes_everything_of_that_class_only(store):
    a, ta, seats_a = joined(store, 2)
    b, _, seats_b = joined(store, 1)
    store.submit(a, seats_a[0], "swish", 0, 4)
    store.submit(b, seats_b[0], "swish", 0, 4)
    store.share_view(a, ta, "glu?lang=en")
    store.end_class(a, ta)
    with pytest.raises(ClassError):
        store.info(a)
    assert store.info(b).joined == 1
    assert store.row_counts() == {"swiglu_class": 1, "swiglu_answer": 1, "swiglu_round": 1, "swiglu_member": 1}


def test_share_view_bumps_its_sequence(store):
    code, token, _ = joined(store)
    store.share_view(code, token, "swish?beta=2.5&lang=zh")
    info = store.info(code)
    assert info.share == "swish?beta=2.5&lang=zh" and info.share_seq == 1
    store.share_view(code, token, "swish?beta=2.5&lang=zh")
    assert store.info(code).share_seq == 2


def test_concurrent_students_lose_no_vote(store):
    """60 students answer at the same moment from threads (as 60 sessions of one replica): every one counts."""
    code, token, seats = joined(store, 60)
    errors = []
    go = threading.Event()

    def student(i: int) -> None:
        go.wait()
        try:
            store.submit(code, seats[i], "glu", i % 4, 4, correct=1)
            store.submit(code, seats[i], "glu", (i + 1) % 4, 4)
        except Exception as e:  # noqa: BLE001 - collected for the assertion
            errors.append(repr(e))

    threads = [threading.Thread(target=student, args=(i,)) for i in range(60)]
    for th in threads:
        th.start()
    go.set()
    for th in threads:
        th.join(60)
    assert errors == []
    assert store.question(code, "glu").current.counts == (15, 15, 15, 15)


def test_reveal_races_with_answers_consistently(store):
    """Answers sent while the teacher reveals: each is either counted (before) or refused (after), never both."""
    code, token, seats = joined(store, 30)
    accepted, refused = [], []
    go = threading.Event()

    def student(i: int) -> None:
        go.wait()
        try:
            store.submit(code, seats[i], "ffn", 2, 4)
            accepted.append(i)
        except ClassError as e:
            assert e.code == "revealed"
            refused.append(i)

    threads = [threading.Thread(target=student, args=(i,)) for i in range(30)]
    for th in threads:
        th.start()
    go.set()
    store.reveal(code, token, "ffn", 4)
    for th in threads:
        th.join(60)
    assert len(accepted) + len(refused) == 30
    assert store.question(code, "ffn").current.counts[2] == len(accepted)


def test_two_stores_share_one_database(store):
    """Two replicas (two engines) on one database: a vote through one is seen through the other at once."""
    other = Store(store.url, clock=store.clock)
    try:
        code, token, seats = joined(store, 1)
        other.submit(code, seats[0], "paper", 1, 4)
        assert store.question(code, "paper").current.counts == (0, 1, 0, 0)
        assert other.is_teacher(code, token)
    finally:
        other.close()


def test_a_missing_postgresql_fails_under_ci_and_skips_elsewhere(monkeypatch):
    from . import pg_server

    monkeypatch.setattr(pg_server, "pg_bin", lambda: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        pg_server.start_pg()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        pg_server.start_pg()
