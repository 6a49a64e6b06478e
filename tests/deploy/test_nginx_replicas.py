"""Two real app replicas behind Debian's nginx on loopback (issue 8, "Beyond one machine").

Shows what a classroom needs from deploy/: one browser's requests and its WebSocket stay on one replica
(cookie, not client IP: all clients here share 127.0.0.1, as a school shares one NAT address), different
browsers spread over the replicas, the WebSocket upgrade passes through nginx, and when a replica dies the
survivor serves both new browsers and the ones that were stuck to the dead one.

The cluster (conftest.py) is shared by the tests of this module; the failover test kills a replica, so it
stays the last test in this file.
"""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from .conftest import SECRET, Client, Cluster, last_upstream

websocket = pytest.importorskip("websocket", reason="websocket-client (requirements-dev.txt) is not installed")

ROUTE_COOKIE = "swiglu_route"


def open_stream(c: Cluster, client: Client, host: str | None = None) -> websocket.WebSocket:
    """Open /_stcore/stream through nginx the way Streamlit's frontend does: same-origin Origin header,
    the cookies, and the subprotocol list ["streamlit", <XSRF token from the _streamlit_xsrf cookie>]."""
    host = host or f"127.0.0.1:{c.nginx_port}"
    return websocket.create_connection(
        f"ws://127.0.0.1:{c.nginx_port}/_stcore/stream", timeout=10, host=host, origin=f"http://{host}",
        cookie=client.cookie_header() or None,
        subprotocols=["streamlit", client.cookie("_streamlit_xsrf") or "PLACEHOLDER_AUTH_TOKEN"],
    )


def stuck_client(c: Cluster) -> tuple[Client, str]:
    """A fresh client after its first page load: (client, the replica that served it)."""
    client = c.client()
    status, headers, body = client.get("/")
    assert status == 200, body[:300]
    assert client.cookie(ROUTE_COOKIE), f"nginx set no {ROUTE_COOKIE} cookie: {headers}"
    return client, last_upstream(headers)


def test_every_replica_has_the_same_cookie_secret(cluster: Cluster):
    for port in cluster.replica_ports:
        environ = open(f"/proc/{cluster.replica_pid(port)}/environ", "rb").read().split(b"\0")
        assert f"STREAMLIT_SERVER_COOKIE_SECRET={SECRET}".encode() in environ, port


def test_sessions_stick_to_one_replica_and_spread_over_both(cluster: Cluster):
    seen: set[str] = set()
    for i in range(40):  # at least 8 clients; stop once both replicas were used (P(40 on one) ~ 1e-12)
        if i >= 8 and seen == cluster.upstreams:
            break
        client, first = stuck_client(cluster)
        assert first in cluster.upstreams
        seen.add(first)
        route = client.cookie(ROUTE_COOKIE)
        # A browser's later requests: the page again, a deep link, health, a static asset miss.
        for path in ("/", "/swish?lang=zh", "/_stcore/health", "/"):
            status, headers, _ = client.get(path)
            assert status == 200, (path, status)
            assert last_upstream(headers) == first, f"client {i} moved from {first} on {path}"
            assert "set-cookie" not in headers or ROUTE_COOKIE not in headers["set-cookie"], "route cookie re-set"
        assert client.cookie(ROUTE_COOKIE) == route
    assert seen == cluster.upstreams, f"{i + 1} fresh clients all landed on {seen}: no spreading"


def test_websocket_upgrade_through_nginx_lands_on_the_sticky_replica(cluster: Cluster):
    client, replica = stuck_client(cluster)
    ws = open_stream(cluster, client)
    try:
        assert ws.getstatus() == 101
        assert ws.getsubprotocol() == "streamlit"
        # The WebSocket (where the session lives) reaches the replica that served the page: nginx's
        # add_header ... always also marks the 101 response.
        assert last_upstream(ws.getheaders()) == replica
        ws.ping("still there?")  # the proxied connection carries frames both ways
        assert ws.connected
    finally:
        ws.close()


def test_websocket_with_a_foreign_host_is_refused(cluster: Cluster):
    """server.allowedHosts (ALLOWED_HOSTS in run_replicas.sh) still works behind nginx: it forwards $http_host."""
    client, _ = stuck_client(cluster)
    with pytest.raises(websocket.WebSocketBadStatusException) as e:
        open_stream(cluster, client, host=f"rebound.example:{cluster.nginx_port}").close()
    assert e.value.status_code == 403


def test_the_training_feed_passes_nginx_to_the_sticky_replica(cluster: Cluster):
    """serve.py's feed route (ui/feed.py) is the app's answer, not nginx's, and comes from the replica that holds the
    browser's session (and so its job): an unknown token is the app's JSON 404, never cached."""
    client, replica = stuck_client(cluster)
    status, headers, body = client.get("/_swiglu/feed/" + "A" * 22 + "?n=0")
    assert status == 404 and json.loads(body) == {"error": "unknown"}
    assert last_upstream(headers) == replica
    assert headers.get("cache-control") == "no-store"


def test_survivor_serves_everyone_when_a_replica_dies(cluster: Cluster):
    # Clients stuck to each replica before the failure.
    stuck: dict[str, Client] = {}
    for _ in range(40):
        client, replica = stuck_client(cluster)
        stuck.setdefault(replica, client)
        if len(stuck) == 2:
            break
    assert set(stuck) == cluster.upstreams
    victim_port = cluster.replica_ports[0]
    victim, survivor = f"127.0.0.1:{victim_port}", f"127.0.0.1:{cluster.replica_ports[1]}"

    os.kill(cluster.replica_pid(victim_port), signal.SIGKILL)  # a crash, not a graceful stop
    t0 = time.monotonic()
    orphan, other = stuck[victim], stuck[survivor]
    deadline = t0 + 10
    while True:  # bounded: the dead replica's socket closes at once, so the first try should already pass
        try:
            results = {path: orphan.get(path, timeout=5) for path in ("/_stcore/health", "/")}
            if all(r[0] == 200 for r in results.values()):
                break
        except OSError:
            results = {}
        assert time.monotonic() < deadline, f"the orphaned client got no 200 within 10 s: {results}"
        time.sleep(0.2)
    for _status, headers, _ in results.values():
        assert last_upstream(headers) == survivor
    failover_s = time.monotonic() - t0
    print(f"orphaned client served by the survivor {failover_s:.2f} s after the kill")

    for path in ("/", "/_stcore/health"):  # the survivor's own clients don't notice
        status, headers, _ = other.get(path)
        assert (status, last_upstream(headers)) == (200, survivor)
    for _ in range(6):  # new classmates arriving after the crash
        client, replica = stuck_client(cluster)
        assert replica == survivor
        status, headers, _ = client.get("/_stcore/health")
        assert (status, last_upstream(headers)) == (200, survivor)
    ws = open_stream(cluster, orphan)  # the orphan's reconnect: a new session on the survivor
    try:
        assert ws.getstatus() == 101
    finally:
        ws.close()
    assert failover_s < 5, f"failover took {failover_s:.1f} s"
