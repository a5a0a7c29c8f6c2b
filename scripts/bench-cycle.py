"""Times the monthly cycle's reads against a running demo: p50 and p95 in ms of 30
sequential requests after 3 warm-ups, one markdown row each (see scripts/bench-cycle)."""
from bench_demo import login, post, timed

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
