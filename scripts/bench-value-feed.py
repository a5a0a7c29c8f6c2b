"""Pulls every raw figure from a running server (`bench-value-feed.py LABEL BASE PID`) by
each way a reporting system can, and prints one markdown row per way: values, seconds,
values/s and the server's resident memory before and at its peak (sampled every 20 ms)."""
import json
import sys
import threading
import time
import urllib.request

LABEL, BASE, PID = sys.argv[1], sys.argv[2], int(sys.argv[3])


def rss_mb():
    with open(f"/proc/{PID}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class Peak(threading.Thread):
    def __init__(self):
        super().__init__(daemon=True)
        self.peak, self.running = rss_mb(), True

    def run(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.02)


def post(query, token=None, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    req = urllib.request.Request(BASE + "/graphql", body, {"Content-Type": "application/json"})
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req) as r:
        answer = json.loads(r.read())
    if answer.get("errors"):
        raise SystemExit(answer["errors"])
    return answer["data"]


def get(path, token):
    req = urllib.request.Request(BASE + path, headers={"Authorization": f"Bearer {token}"})
    return urllib.request.urlopen(req)


session = post("mutation{login(username:\"admin\",password:\"ChiTieu@2023\"){token}}")["login"]["token"]
root = post("{viewer{scope{id}}}", session)["viewer"]["scope"]["id"]
token = post("mutation($u:ID!){createApiToken(name:\"Đo tốc độ\",unitId:$u){token}}", session, {"u": root})[
    "createApiToken"]["token"]

PAGE = """query($after: String) { measureValues(first: 10000, after: $after) {
  rows { unit { code } measure { code } year month value status updatedAt } endCursor hasNextPage } }"""


def graphql_pages():
    n, after = 0, None
    while True:
        page = post(PAGE, token, {"after": after})["measureValues"]
        n += len(page["rows"])
        if not page["hasNextPage"]:
            return n
        after = page["endCursor"]


def stream(ext):
    def pull():
        n = 0
        with get(f"/api/v1/measure-values.{ext}", token) as r:
            for line in r:
                n += 1
        return n - 1 if ext == "csv" else n - 2  # the header; the brackets
    return pull


def csv_pages():
    n, after = 0, None
    while True:
        path = "/api/v1/measure-values.csv?first=10000" + (f"&after={after}" if after else "")
        with get(path, token) as r:
            n += sum(1 for _ in r) - 1
            after = r.headers.get("X-Next-Cursor")
        if not after:
            return n


for how, pull in [("CSV, streamed", stream("csv")), ("JSON, streamed", stream("json")),
                  ("CSV, pages of 10,000", csv_pages), ("GraphQL, pages of 10,000", graphql_pages)]:
    before = rss_mb()
    peak = Peak()
    peak.start()
    started = time.perf_counter()
    values = pull()
    seconds = time.perf_counter() - started
    peak.running = False
    peak.join()
    print(f"| {LABEL} | {how} | {values:,} | {seconds:.1f} | {values / seconds:,.0f} | {before:.0f} → {peak.peak:.0f} |")
