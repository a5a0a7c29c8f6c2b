"""Times follow-through against a running demo: p50 and p95 in ms of 30 sequential
requests after 3 warm-ups, one markdown row each (see scripts/bench-follow-up)."""
import json
import time
import urllib.request

from bench_demo import BASE, NAME, call, login, post, row, timed

TODO = "{ todo { kind unit { name } year month dueOn daysOverdue count indicator { name } explanationRequestId } }"
LIST = "{ explanationRequests { id status unit { name } indicator { name } dueOn daysOverdue actions { status } } }"
ONE = """query($id: ID!) { explanationRequest(id: $id) { status reason cause { name }
  actions { description owner { fullName } dueOn status evidence { fileName size } }
  evidence { fileName size sha256 } } }"""
tokens = {u: login(u) for u in ["quanly", "truong.anphu", "lanhdao", "admin"]}
for user in ["quanly", "truong.anphu", "lanhdao"]:
    timed(f"todo ({user})", TODO, tokens[user])
timed("explanationRequests (province)", LIST, tokens["quanly"])
listed = post(LIST, tokens["quanly"])["explanationRequests"]
accepted = next(r["id"] for r in listed if r["status"] == "ACCEPTED")

# A 10 MB PDF, uploaded 10 times (each a new file: the bytes differ) and downloaded 30.
pdf = b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024 - 9)
up = []
for k in range(10):
    body = pdf[:-8] + f"{k:08d}".encode()
    req = urllib.request.Request(
        f"{BASE}/files/explanations/{accepted}/evidence?name=bao-cao-{k}.pdf", body,
        {"Authorization": f"Bearer {tokens['quanly']}"})
    t = time.perf_counter()
    file_id = json.loads(call(req))["id"]
    up.append((time.perf_counter() - t) * 1000)
    if k == 4:
        break  # 5 × 10 MB stays within the 50 MB of one explanation
row("upload a 10 MB PDF", 5, up)
down = []
for _ in range(30):
    req = urllib.request.Request(f"{BASE}/files/evidence/{file_id}",
                                 headers={"Authorization": f"Bearer {tokens['quanly']}"})
    t = time.perf_counter()
    n = len(call(req))
    down.append((time.perf_counter() - t) * 1000)
row(f"download it ({n // (1024 * 1024)} MB)", 30, down)
timed("explanationRequest with actions and evidence", ONE, tokens["quanly"], {"id": accepted})

# Approving a submitted month (asks for explanations) beside reopening it (does not).
WAITING = "{ todo { kind unit { id } year month } }"
APPROVE = "mutation($u: ID!, $y: Int!, $m: Int!) { approveMonthlyReport(unitId: $u, year: $y, month: $m) { status } }"
REOPEN = """mutation($u: ID!, $y: Int!, $m: Int!) { reopenMonthlyReport(unitId: $u, year: $y, month: $m,
  comment: "Mở lại để đo thời gian") { status } }"""
months = [(i["unit"]["id"], i["year"], i["month"]) for i in post(WAITING, tokens["quanly"])["todo"]
          if i["kind"] in ("APPROVAL_PENDING", "APPROVAL_OVERDUE")][:30]
approve, reopen = [], []
for u, y, m in months:
    v = {"u": u, "y": y, "m": m}
    t = time.perf_counter()
    post(APPROVE, tokens["quanly"], v)
    approve.append((time.perf_counter() - t) * 1000)
for u, y, m in months:
    v = {"u": u, "y": y, "m": m}
    t = time.perf_counter()
    post(REOPEN, tokens["quanly"], v)
    reopen.append((time.perf_counter() - t) * 1000)
row("approve a month (asks for explanations)", len(approve), approve)
row("reopen it (asks nothing)", len(reopen), reopen)
asked = post("{ explanationRequests(status: [OPEN]) { id } }", tokens["quanly"])["explanationRequests"]
print(f"<!-- {NAME}: {len(asked)} requests open after the approvals -->")
