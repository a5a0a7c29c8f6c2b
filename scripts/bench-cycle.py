"""Times the monthly cycle's reads against a running demo: p50 and p95 in ms of 30
sequential requests after 3 warm-ups, one markdown row each (see scripts/bench-cycle)."""
import json
import statistics
import sys
import time
import urllib.request

NAME, URL = sys.argv[1], sys.argv[2]
PASSWORD = "ChiTieu@2023"


def post(query, token=None, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(URL, body, {"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req) as r:
        answer = json.load(r)
    if answer.get("errors"):
        raise SystemExit(f"{query[:60]}: {answer['errors']}")
    return answer["data"]


def login(user):
    q = "mutation($u:String!,$p:String!){login(username:$u,password:$p){token}}"
    return post(q, variables={"u": user, "p": PASSWORD})["login"]["token"]


def timed(label, query, token, variables=None):
    for _ in range(3):
        post(query, token, variables)
    times = []
    for _ in range(30):
        t = time.perf_counter()
        data = post(query, token, variables)
        times.append((time.perf_counter() - t) * 1000)
    first = next(iter(data.values()))
    size = len(first) if isinstance(first, list) else 1
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    print(f"| {NAME} | {label} | {size} | {statistics.median(times):.1f} | {p95:.1f} |")


TODO = "{ todo { kind unit { name } year month dueOn daysOverdue count comment indicator { name } } }"
BOARD = """{ scoreboard(period: {year: 2026, kind: YTD, index: 10}, kind: COMMUNE)
  { unit { name } score rank %s } }"""
tokens = {u: login(u) for u in ["quanly", "lanhdao", "quanly.stp", "canbo.anphu", "admin"]}
for user in ["quanly", "lanhdao", "quanly.stp", "canbo.anphu"]:
    timed(f"todo ({user})", TODO, tokens[user])
timed("timeliness 10/2026, every unit", "{ timeliness(year: 2026, month: 10) { unit { name } onTime daysLate } }", tokens["admin"])
unit = post('{ unit(code: "XM01") { id } }', tokens["admin"])
if unit.get("unit"):
    timed("unitTimeliness of a commune, 2026", "query($u: ID!) { unitTimeliness(unitId: $u, year: 2026) { month onTime } }", tokens["admin"], {"u": unit["unit"]["id"]})
timed("commune scoreboard YTD 10/2026", BOARD % "", tokens["admin"])
timed("… with timelinessRate", BOARD % "timelinessRate", tokens["admin"])
