"""What the benchmark scripts share against a running demo (`bench-*.py NAME URL`): the
GraphQL call, the demo's logins, and the timing of a request as one markdown row (p50 and
p95 in ms of 30 sequential requests after 3 warm-ups)."""
import json
import statistics
import sys
import time
import urllib.request

NAME, URL = sys.argv[1], sys.argv[2]
BASE = URL.rsplit("/graphql", 1)[0]
PASSWORD = "ChiTieu@2023"


def call(req):
    with urllib.request.urlopen(req) as r:
        return r.read()


def post(query, token=None, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(URL, body, {"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    answer = json.loads(call(req))
    if answer.get("errors"):
        raise SystemExit(f"{query[:60]}: {answer['errors']}")
    return answer["data"]


def login(user):
    q = "mutation($u:String!,$p:String!){login(username:$u,password:$p){token}}"
    return post(q, variables={"u": user, "p": PASSWORD})["login"]["token"]


def row(label, size, times):
    p95 = sorted(times)[int(len(times) * 0.95) - 1]
    print(f"| {NAME} | {label} | {size} | {statistics.median(times):.1f} | {p95:.1f} |")


def timed(label, query, token, variables=None):
    for _ in range(3):
        post(query, token, variables)
    times = []
    for _ in range(30):
        t = time.perf_counter()
        data = post(query, token, variables)
        times.append((time.perf_counter() - t) * 1000)
    first = next(iter(data.values()))
    row(label, len(first) if isinstance(first, list) else 1, times)
