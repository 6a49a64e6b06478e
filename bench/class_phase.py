"""bench/load.py's class phase: a teacher's question answered by a whole class at once (issue 16).

The teacher starts a class on /class and opens /swish with the teacher link: its chart and count of answers
poll every second (the client follows the fragment's run_every like the browser). `n` students open
/swish?class=CODE at the same moment (joining), then each picks an answer and clicks Submit at a random moment
within `spread` seconds, and waits for "Submitted" (the page says it after the commit). Their own polling
fragments (banner, question) run all along. Measured:

- answers committed = answers sent: the database is counted afterwards (goal: 0 lost);
- teacher's chart delay: from the moment a student saw "Submitted" to the moment the teacher's count first
  included that answer (goal p95 <= 2 s);
- submit latency: click -> "Submitted" on the student's page;
- the probe's β latency during the phase (the caller runs the probe);
- all of it while one more student's script clicks Submit 100 times a second (the rate limit's case).
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from dataclasses import dataclass, field

from bench.ws_client import StreamlitSession
from swiglu import classroom
from swiglu.i18n import t

CODE_RE = re.compile(rf"\*\*([{classroom.ALPHABET}]{{{classroom.CODE_LEN}}})\*\*")
SUBMITTED = t("class.submitted", "en", option="X").split("X")[0]  # "Submitted: "


@dataclass
class ClassResult:
    joined: int = 0
    sent: int = 0  # students who saw "Submitted"
    committed: int | None = None  # answers in the database afterwards
    submit_latency: list[float] = field(default_factory=list)
    teacher_delay: list[float] = field(default_factory=list)
    teacher_polls: int = 0
    errors: list[str] = field(default_factory=list)
    spam_clicks: int = 0  # clicks the spamming session sent
    spam_runs: int = 0  # runs the server finished for it


def _find_code(s: StreamlitSession) -> tuple[str, str] | None:
    code = next((m.group(1) for txt in s.texts() if (m := CODE_RE.fullmatch(txt.strip()))), None)
    link = next((c.code_text for _, _, c in s.view(["code"]) if "teacher=" in c.code_text), None)
    if code is None or link is None:
        return None
    return code, link.split("teacher=")[1].strip()


async def run_class(port: int, n: int, spread: float, timeout: float, db_url: str) -> ClassResult:
    res = ClassResult()
    hub = StreamlitSession(port, "/class", "lang=en", name="teacher-hub")
    await hub.connect(timeout=timeout)
    await hub.wait_finished(hub.stats.connect_started, timeout)
    await hub.click(hub.widget(key="class_start"), timeout=timeout)
    found = _find_code(hub)
    await hub.close()
    if found is None:
        res.errors.append("no class code on /class after class_start")
        return res
    code, token = found
    seen: list[tuple[float, int]] = []  # (time, answers the teacher's page showed)
    teacher = StreamlitSession(port, "/swish", f"lang=en&class={code}&teacher={token}", name="teacher")

    def on_message(msg) -> None:
        if msg.WhichOneof("type") == "delta" and msg.delta.WhichOneof("type") == "new_element":
            el = msg.delta.new_element
            if el.WhichOneof("type") == "metric" and el.metric.label.startswith("Answers"):
                seen.append((time.perf_counter(), int(el.metric.body)))

    teacher.on_message = on_message
    await teacher.connect(timeout=timeout)
    await teacher.wait_finished(teacher.stats.connect_started, timeout)

    go = asyncio.Event()
    rng = random.Random(16)
    done_at: list[float] = []

    async def student(i: int) -> StreamlitSession | None:
        s = StreamlitSession(port, "/swish", f"lang=en&class={code}", name=f"student{i}")
        try:
            await go.wait()
            await s.connect(timeout=timeout)
            await s.wait_finished(s.stats.connect_started, timeout)
            res.joined += 1
            await asyncio.sleep(rng.uniform(0, spread))
            radio = s.widget(key="class.pick.swish.1")
            await s.set_value(radio, radio.proto.options[rng.randrange(len(radio.proto.options))], timeout=timeout)
            t0 = time.perf_counter()
            await s.click(s.widget(key="class_submit_swish"), timeout=timeout)
            await s.wait_for(lambda: any(x.startswith(SUBMITTED) for x in s.texts()), timeout)
            done_at.append(time.perf_counter())
            res.submit_latency.append(done_at[-1] - t0)
            res.sent += 1
        except Exception as e:  # noqa: BLE001 - every failure is counted
            res.errors.append(f"student{i}: {type(e).__name__}: {e}")
        return s

    async def spammer() -> StreamlitSession | None:
        s = StreamlitSession(port, "/swish", f"lang=en&class={code}", name="spammer")
        try:
            await s.connect(timeout=timeout)
            await s.wait_finished(s.stats.connect_started, timeout)
            radio = s.widget(key="class.pick.swish.1")
            await s.set_value(radio, radio.proto.options[0], timeout=timeout)
            button = s.widget(key="class_submit_swish")
            runs0 = s.stats.fragment_runs + s.stats.full_runs
            await go.wait()
            end = time.perf_counter() + spread
            while time.perf_counter() < end:
                await s.rerun(fragment_id=button.fragment_id, trigger=button.id)  # no waiting: 100 a second
                res.spam_clicks += 1
                await asyncio.sleep(0.01)
            res.spam_runs = s.stats.fragment_runs + s.stats.full_runs - runs0
        except Exception as e:  # noqa: BLE001
            res.errors.append(f"spammer: {type(e).__name__}: {e}")
        return s

    spam = asyncio.create_task(spammer())
    await asyncio.sleep(2)  # the spammer is in place before the class arrives
    tasks = [asyncio.create_task(student(i)) for i in range(n)]
    await asyncio.sleep(0.05)
    go.set()
    sessions = [*await asyncio.gather(*tasks), await spam]
    await asyncio.sleep(3)  # the teacher's page polls every second: let it catch up with the last answers
    res.teacher_polls = teacher.stats.fragment_runs
    done_at.sort()
    for k, at in enumerate(done_at, start=1):  # the k-th answer is in once the teacher's count reaches k
        shown = next((ts for ts, count in seen if count >= k), None)  # (the commit precedes "Submitted")
        res.teacher_delay.append(max(0.0, shown - at) if shown is not None else float("inf"))
    await asyncio.gather(*(s.close() for s in sessions if s is not None), teacher.close())
    store = classroom.Store(db_url)
    try:
        cur = store.question(code, "swish").current
        res.committed = (cur.answered if cur else 0) - (1 if res.spam_clicks else 0)  # the spammer's one answer
    finally:
        store.close()
    return res
