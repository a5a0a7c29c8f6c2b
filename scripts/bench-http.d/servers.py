"""Starting, probing and stopping the servers of scripts/bench-http, and a keep-alive
GraphQL client. A server is ready when a POST of `{__typename}` to /graphql answers 200;
the time from spawning the process to that answer is its cold start."""

import http.client
import json
import os
import subprocess
import time

TYPENAME = json.dumps({"query": "{__typename}"}).encode()


class Client:
    """One keep-alive HTTP/1.1 connection to /graphql of a server on 127.0.0.1."""

    def __init__(self, port, token=None, timeout=60):
        self.port = port
        self.headers = {"Content-Type": "application/json"}
        if token:
            self.headers["Authorization"] = "Bearer " + token
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)

    def post(self, body):
        """Sends a JSON body (bytes); returns (status, response bytes)."""
        self.conn.request("POST", "/graphql", body, self.headers)
        r = self.conn.getresponse()
        return r.status, r.read()

    def query(self, query, variables=None):
        """Runs a GraphQL operation; returns `data`, raising on any error."""
        status, data = self.post(json.dumps({"query": query, "variables": variables or {}}).encode())
        answer = json.loads(data)
        if status != 200 or answer.get("errors"):
            raise RuntimeError(f"port {self.port}: {status} {data[:500]!r}")
        return answer["data"]

    def close(self):
        self.conn.close()


def answers_typename(port):
    """Whether the server on `port` answers `{__typename}` with 200 now."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        conn.request("POST", "/graphql", TYPENAME, {"Content-Type": "application/json"})
        r = conn.getresponse()
        r.read()
        return r.status == 200
    except OSError:
        return False
    finally:
        conn.close()


class Server:
    """A server process: `cmd` with `env` added to ours, listening on `port`."""

    def __init__(self, name, cmd, env, port, log_path):
        self.name, self.cmd, self.env, self.port, self.log_path = name, cmd, env, port, log_path
        self.proc = None

    def start(self, timeout=120.0):
        """Spawns the process and polls every 2 ms until it answers; returns the cold start
        in milliseconds (spawn to first 200)."""
        log = open(self.log_path, "ab")
        env = dict(os.environ)
        env.update(self.env)
        started = time.perf_counter()
        self.proc = subprocess.Popen(self.cmd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL)
        log.close()
        while True:
            if answers_typename(self.port):
                return (time.perf_counter() - started) * 1000
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.proc.returncode}: "
                                   f"see {self.log_path}\n{self.log_tail()}")
            if time.perf_counter() - started > timeout:
                self.stop()
                raise RuntimeError(f"{self.name} did not answer within {timeout} s: "
                                   f"see {self.log_path}\n{self.log_tail()}")
            time.sleep(0.002)

    def log_tail(self, lines=15):
        try:
            with open(self.log_path, errors="replace") as f:
                return "".join(f.readlines()[-lines:])
        except OSError:
            return ""

    @property
    def pid(self):
        return self.proc.pid if self.proc else None

    def rss_mb(self):
        """Resident set size (VmRSS) in MiB, or None when not running."""
        if not self.proc or self.proc.poll() is not None:
            return None
        try:
            with open(f"/proc/{self.proc.pid}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        return int(line.split()[1]) / 1024
        except OSError:
            return None
        return None

    def stop(self):
        """Ends the process we spawned (SIGTERM, then SIGKILL after 10 s)."""
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None


def ours(name, binary, database_url, port, log_path, jwt_secret):
    """This server (`chitieu serve`) with the rate limits off, as scripts/load-test runs it:
    64 connections from one address with one session stand for 64 users. The national
    scoreboard of queries.py (3.8 MB) fits the default work budget (`max_resolved_fields`,
    400,000) and answer size (`max_response_bytes`, 16 MiB); a larger selection needs
    BENCH_MAX_RESOLVED_FIELDS, passed on as CHITIEU_MAX_RESOLVED_FIELDS."""
    env = {
        "CHITIEU_RATE_LIMIT_PER_SECOND": "0",
        "CHITIEU_TOKEN_RATE_LIMIT_PER_SECOND": "0",
        "CHITIEU_USER_RATE_LIMIT_PER_SECOND": "0",
        "CHITIEU_MAX_CONCURRENT_PER_CALLER": "1000",
        "CHITIEU_JWT_SECRET": jwt_secret,
        "RUST_LOG": "warn",
    }
    if os.environ.get("BENCH_MAX_RESOLVED_FIELDS"):
        env["CHITIEU_MAX_RESOLVED_FIELDS"] = os.environ["BENCH_MAX_RESOLVED_FIELDS"]
    cmd = [binary, "serve", "--database-url", database_url, "--bind", f"127.0.0.1:{port}"]
    return Server(name, cmd, env, port, log_path)


def postgraphile(name, node_dir, database_url, port, log_path):
    """PostGraphile 4 (CLI) on `database_url`, schema `public`, no default mutations, no
    GraphiQL, no query log, NODE_ENV=production; one process, its default pool of 10."""
    cli = os.path.join(node_dir, "node_modules", "postgraphile", "cli.js")
    cmd = ["node", cli, "--connection", database_url, "--schema", "public",
           "--host", "127.0.0.1", "--port", str(port), "--disable-default-mutations",
           "--disable-graphiql", "--disable-query-log"]
    return Server(name, cmd, {"NODE_ENV": "production"}, port, log_path)
