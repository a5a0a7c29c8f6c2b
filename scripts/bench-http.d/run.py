"""The measuring part of scripts/bench-http (which builds, prepares the databases and
installs PostGraphile, then runs this): starts this server on PostgreSQL and on SQLite and
PostGraphile on PostgreSQL, for each scale, measures every row of the table interleaved
(PG, SQLite, PostGraphile, one after the other, BENCH_ROUNDS rounds, medians reported),
prints the markdown table and saves it with the raw rounds under BENCH_WORK."""

import json
import os
import sqlite3
import statistics
import subprocess
import sys
import time

import measure
import queries as q
import report
from servers import Client, ours, postgraphile

ENV = os.environ
BIN = ENV["BENCH_BIN"]
WORK = ENV["BENCH_WORK"]
NODE_DIR = ENV["BENCH_NODE_DIR"]
PG = ENV["BENCH_PG_URL"]
SCALES = ENV.get("BENCH_SCALES", "national,province").split(",")
ROUNDS = int(ENV.get("BENCH_ROUNDS", "3"))
N = int(ENV.get("BENCH_N", "30"))
WRK_SECONDS = int(ENV.get("BENCH_WRK_SECONDS", "15"))
CONNECTIONS = int(ENV.get("BENCH_CONNECTIONS", "64"))
IDLE_SECONDS = int(ENV.get("BENCH_IDLE_SECONDS", "60"))
COLD_RUNS = int(ENV.get("BENCH_COLD_RUNS", "5"))
PORT = int(ENV.get("BENCH_PORT", "18200"))
PASSWORD = ENV.get("BENCH_PASSWORD", "ChiTieu@2023")
JWT_SECRET = ENV["CHITIEU_JWT_SECRET"]
OURS = ("pg", "sqlite")
ALL = ("pg", "sqlite", "pgl")


def database(scale):
    """(PostgreSQL URL, SQLite file) of a scale's data."""
    return f"{PG}/bench_http_{scale}", os.path.join(WORK, f"{scale}.db")


def make_server(scale, who, port, tag=""):
    pg_url, sqlite_path = database(scale)
    log = os.path.join(WORK, f"{scale}-{who}{tag}.log")
    if who == "pgl":
        return postgraphile(f"PostGraphile {scale}", NODE_DIR, pg_url, port, log)
    url = pg_url if who == "pg" else f"sqlite://{sqlite_path}?mode=rwc"
    return ours(f"this on {who} {scale}", BIN, url, port, log, JWT_SECRET)


def psql_value(database_url, sql):
    out = subprocess.run(["psql", "-X", "-Atq", "-d", database_url, "-c", sql],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def median_of(rounds, key=None):
    values = [x if key is None else x[key] for x in rounds]
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


class Bench:
    def __init__(self):
        self.servers, self.tokens, self.raw = {}, {}, {}
        self.result = {}
        self.next_port = PORT

    def port(self):
        self.next_port += 1
        return self.next_port

    def start(self):
        for scale in SCALES:
            for who in ALL:
                s = make_server(scale, who, self.port())
                cold = s.start()
                self.servers[scale, who] = s
                print(f"  started {s.name} on port {s.port} (pid {s.pid}) in {cold:.0f} ms")
                if who != "pgl":
                    c = Client(s.port)
                    self.tokens[scale, who] = c.query(q.LOGIN, {"u": "admin", "p": PASSWORD})["login"]["token"]
                    c.close()
        pg_url, sqlite_path = database(SCALES[-1])
        commune = psql_value(pg_url, "SELECT id || ' ' || code FROM units WHERE kind = 'COMMUNE' ORDER BY code LIMIT 1")
        self.commune_id, self.commune_code = commune.split(" ", 1)
        self.department = psql_value(pg_url, "SELECT code FROM units WHERE kind = 'DEPARTMENT' ORDER BY code LIMIT 1")
        conn = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
        same = conn.execute("SELECT id FROM units WHERE code = ?", (self.commune_code,)).fetchone()
        conn.close()
        if not same or str(same[0]) != self.commune_id:
            sys.exit(f"unit ids differ between PostgreSQL and SQLite ({self.commune_code})")
        print(f"  commune {self.commune_code} (id {self.commune_id}), department {self.department}")

    def stop(self):
        for s in self.servers.values():
            s.stop()

    def record(self, key, who, rnd, value):
        self.raw.setdefault(key, {}).setdefault(who, []).append(value)
        shown = {k: round(v, 2) if isinstance(v, float) else v for k, v in value.items()} \
            if isinstance(value, dict) else round(value, 2)
        print(f"  {key} round {rnd + 1} {who}: {shown}")

    def latency_row(self, key, scale, bodies):
        """p50 of N sequential requests after 3 warm-ups, interleaved over the rounds."""
        for rnd in range(ROUNDS):
            for who in ALL:
                s = self.servers[scale, who]
                self.record(key, who, rnd, measure.sequential(s.port, self.tokens.get((scale, who)), bodies[who], N))
                if key == "national":
                    self.rss_burst = getattr(self, "rss_burst", {})
                    self.rss_burst[who] = s.rss_mb()
        row = {who: median_of(self.raw[key][who], "p50") for who in ALL}
        row["mb"] = self.raw[key]["pg"][-1]["bytes"] / 1e6
        self.result[key] = row

    def throughput_row(self, key, bodies):
        scale = SCALES[-1]
        for rnd in range(ROUNDS):
            for who in ALL:
                s = self.servers[scale, who]
                r = measure.throughput(s.port, self.tokens.get((scale, who)), bodies[who], WORK,
                                       f"{key}-{who}", s, WRK_SECONDS, CONNECTIONS)
                if r["errors"] or r["socket"]:
                    print(f"  !! {key} {who}: {r['errors']:.0f} error answers, {r['socket']:.0f} socket errors")
                self.record(key, who, rnd, r)
        self.result[key] = {who: median_of(self.raw[key][who], "rps") for who in ALL}
        self.result[key]["connections"] = CONNECTIONS
        self.result[key + "_p99"] = {who: median_of(self.raw[key][who], "p99") for who in ALL}
        self.result[key + "_rss"] = {who: max(x["rss_peak"] for x in self.raw[key][who]) for who in ALL}

    def national(self):
        self.latency_row("national", "national", {
            "pg": lambda i: q.scoreboard(), "sqlite": lambda i: q.scoreboard(),
            "pgl": lambda i: q.pgl_scoreboard()})
        self.result["rss_burst"] = dict(self.rss_burst)
        print(f"  idle {IDLE_SECONDS} s, then RSS again")
        time.sleep(IDLE_SECONDS)
        self.result["rss_idle"] = {who: self.servers["national", who].rss_mb() for who in ALL}
        self.result["rss_idle"]["seconds"] = IDLE_SECONDS
        print(f"  RSS after the burst {self.result['rss_burst']}, {IDLE_SECONDS} s later {self.result['rss_idle']}")

    def province(self):
        self.latency_row("province", "province", {
            "pg": lambda i: q.scoreboard(), "sqlite": lambda i: q.scoreboard(),
            "pgl": lambda i: q.pgl_scoreboard()})

    def saves(self):
        counter = [0]

        def body(i):
            counter[0] += 1
            return q.save(self.commune_id, counter[0])

        scale = SCALES[-1]
        for rnd in range(ROUNDS):
            for who in OURS:
                s = self.servers[scale, who]
                self.record("save", who, rnd, measure.sequential(s.port, self.tokens[scale, who], body, N))
        self.result["save"] = {who: median_of(self.raw["save"][who], "p50") for who in OURS}

    def cold_starts(self):
        """Spawn to the first 200 of `{__typename}`, on the migrated database of the last
        scale, COLD_RUNS times per round while the other servers stay idle."""
        for rnd in range(ROUNDS):
            for who in ALL:
                runs = []
                for _ in range(COLD_RUNS):
                    s = make_server(SCALES[-1], who, self.port(), "-cold")
                    try:
                        runs.append(s.start())
                    finally:
                        s.stop()
                self.record("cold", who, rnd, statistics.median(runs))
        self.result["cold"] = {who: median_of(self.raw["cold"][who]) for who in ALL}

    def bare_sql(self):
        sql = measure.aggregate_sql(q.YEAR, q.FIRST_MONTH, q.LAST_MONTH)
        for scale in SCALES:
            pg_url, sqlite_path = database(scale)
            for rnd in range(ROUNDS):
                self.record(f"bare-{scale}", "pg", rnd, measure.psql_times(pg_url, sql))
                self.record(f"bare-{scale}", "sqlite", rnd, measure.sqlite_times(sqlite_path, sql))
            for who in OURS:
                self.result.setdefault(scale, {})[f"bare_{who}"] = median_of(self.raw[f"bare-{scale}"][who])
        pg_url, _ = database(SCALES[-1])
        for rnd in range(ROUNDS):
            self.record("insert", "pg", rnd, measure.insert_time(pg_url))
        self.result.setdefault("save", {})["bare_pg"] = median_of(self.raw["insert"]["pg"])

    def run(self):
        print("==> starting the servers")
        self.start()
        if "national" in SCALES:
            print("==> national commune scoreboard, then RSS")
            self.national()
        if "province" in SCALES:
            print("==> province commune scoreboard")
            self.province()
        print(f"==> indicatorResults of one commune, {CONNECTIONS} connections, {WRK_SECONDS} s")
        self.throughput_row("results", {
            "pg": q.results(self.commune_id), "sqlite": q.results(self.commune_id),
            "pgl": q.pgl_results(self.commune_id)})
        print(f"==> unit(code) with children, {CONNECTIONS} connections, {WRK_SECONDS} s")
        self.throughput_row("unit", {
            "pg": q.unit(self.department), "sqlite": q.unit(self.department),
            "pgl": q.pgl_unit(self.department)})
        print("==> saveMonthlyReport of 13 values")
        self.saves()
        print("==> bare SQL on the roll-ups, one committed INSERT")
        self.bare_sql()
        print("==> cold starts")
        self.cold_starts()
        self.result["binary"] = {"mb": os.path.getsize(BIN) / 1e6}


def context():
    """When, on what and how loaded the machine was: the figures depend on it."""
    commit = subprocess.run(["git", "-C", os.path.dirname(BIN), "rev-parse", "--short", "HEAD"],
                            capture_output=True, text=True).stdout.strip() or "?"
    load = " ".join(open("/proc/loadavg").read().split()[:3])
    return (f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {commit}, "
            f"{os.cpu_count()} CPUs, load average {load}")


def main():
    bench = Bench()
    before = context()
    try:
        bench.run()
    finally:
        bench.stop()
        with open(os.path.join(WORK, "rounds.json"), "w") as f:
            json.dump({"raw": bench.raw, "result": bench.result}, f, indent=1, default=str)
    table = report.table(bench.result) + (
        f"\n\nStarted {before}; ended with load average "
        f"{' '.join(open('/proc/loadavg').read().split()[:3])}. {ROUNDS} rounds, medians; "
        f"p50 of {N} sequential requests; wrk {CONNECTIONS} connections, 2 threads, "
        f"{WRK_SECONDS} s; cold start median of {COLD_RUNS} per round.")
    print()
    print(table)
    with open(os.path.join(WORK, "result.md"), "w") as f:
        f.write(table + "\n")


if __name__ == "__main__":
    main()
