"""The measurements of scripts/bench-http: latency of sequential requests on one keep-alive
connection, throughput with wrk at many connections (with the server's peak RSS), and the
bare SQL references timed with psql and Python's sqlite3."""

import os
import re
import sqlite3
import statistics
import subprocess
import threading
import time

from servers import Client

HERE = os.path.dirname(os.path.abspath(__file__))


def percentile(values, p):
    """The p-th percentile of `values`, interpolated between the nearest two (p50 is the
    median)."""
    return statistics.quantiles(values, n=100, method="inclusive")[p - 1]


def sequential(port, token, bodies, n, warm=3):
    """Sends `warm` then `n` requests one after the other on one keep-alive connection;
    `bodies(i)` gives the i-th JSON body. Every answer must be 200 without "errors".
    Returns {p50, p90 (ms), bytes (of the last answer)}."""
    client = Client(port, token)
    times, size = [], 0
    try:
        for i in range(warm + n):
            body = bodies(i)
            started = time.perf_counter()
            status, data = client.post(body)
            elapsed = (time.perf_counter() - started) * 1000
            if status != 200 or b'"errors"' in data:
                raise RuntimeError(f"port {port}: {status} {data[:400]!r}")
            size = len(data)
            if i >= warm:
                times.append(elapsed)
    finally:
        client.close()
    return {"p50": percentile(times, 50), "p90": percentile(times, 90), "bytes": size}


RESULT = re.compile(r"RESULT (.*)")


def throughput(port, token, body, work_dir, tag, server, seconds, connections, threads=2):
    """wrk with `connections` connections and `threads` threads for `seconds` s, POSTing
    `body` (bytes); samples the server's RSS every 0.2 s. Returns {rps, p50, p99 (ms),
    errors, socket, rss_peak (MiB)}; errors are printed by the Lua script."""
    body_file = os.path.join(work_dir, f"body-{tag}.json")
    with open(body_file, "wb") as f:
        f.write(body)
    peak = [server.rss_mb() or 0.0]
    stop = threading.Event()

    def sample():
        while not stop.wait(0.2):
            peak[0] = max(peak[0], server.rss_mb() or 0.0)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
           "--latency", "-s", os.path.join(HERE, "post.lua"), f"http://127.0.0.1:{port}/graphql",
           "--", body_file, token or ""]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True)
    finally:
        stop.set()
        sampler.join()
    if out.stderr.strip():
        print(f"    wrk {tag}: {out.stderr.strip()}")
    match = RESULT.search(out.stdout)
    if not match:
        raise RuntimeError(f"wrk printed no result:\n{out.stdout}\n{out.stderr}")
    fields = dict(kv.split("=") for kv in match.group(1).split())
    result = {k: float(v) for k, v in fields.items()}
    result["rss_peak"] = peak[0]
    return result


def aggregate_sql(year, first, last):
    """The bare roll-up aggregate of a commune scoreboard (rollup-aggregate.sql)."""
    with open(os.path.join(HERE, "rollup-aggregate.sql")) as f:
        text = "".join(line for line in f if not line.startswith("--"))
    return text.format(year=year, first=first, last=last).strip()


def psql_times(database_url, sql, n=10, warm=1):
    """Times `sql` `warm + n` times in one psql session (\\timing, output discarded: the
    rows are still fetched); returns the median of the last n, in ms."""
    script = "\\o /dev/null\n\\timing on\n" + "".join(f"{sql};\n" for _ in range(warm + n))
    out = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database_url],
                         input=script, capture_output=True, text=True, check=True)
    times = [float(t) for t in re.findall(r"Time: ([0-9.]+) ms", out.stdout)]
    if len(times) != warm + n:
        raise RuntimeError(f"psql timings not found:\n{out.stdout}\n{out.stderr}")
    return statistics.median(times[warm:])


def insert_time(database_url, n=10):
    """One committed INSERT (autocommit, WAL flushed) into bench_http.insert_probe on
    PostgreSQL: median of n, in ms."""
    sql = "INSERT INTO bench_http.insert_probe (value) VALUES (1)"
    return psql_times(database_url, sql, n)


def sqlite_times(path, sql, n=10, warm=1):
    """Times `sql` with every row fetched, `warm + n` times on one connection to the SQLite
    file; returns the median of the last n, in ms."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    times = []
    try:
        for _ in range(warm + n):
            started = time.perf_counter()
            rows = conn.execute(sql).fetchall()
            times.append((time.perf_counter() - started) * 1000)
            if not rows:
                raise RuntimeError(f"no rows from {path}")
    finally:
        conn.close()
    return statistics.median(times[warm:])
