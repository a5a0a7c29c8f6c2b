"""The table of scripts/bench-http: medians of the rounds, ratios to PostGraphile and the
goals, in markdown."""

DASH = "—"


def ms(v):
    if v is None:
        return DASH
    return f"{v:,.0f} ms" if v >= 100 else f"{v:.1f} ms"


def rps(v):
    return DASH if v is None else f"{v:,.0f} req/s"


def mib(v):
    return DASH if v is None else f"{v:.0f} MB"


def pair(fmt, a, b):
    """`a / b` with the unit once, as in "284 / 282 ms"."""
    if a is None and b is None:
        return DASH
    fa, fb = fmt(a), fmt(b)
    unit = fa.split(" ", 1)[1] if " " in fa else (fb.split(" ", 1)[1] if " " in fb else "")
    strip = lambda s: s.split(" ", 1)[0] if s != DASH else DASH  # noqa: E731
    return f"{strip(fa)} / {strip(fb)} {unit}".rstrip()


def ratio(a, b):
    return None if a is None or b is None or b == 0 else a / b


def fmt_ratio(r):
    return DASH if r is None else f"{r:.2f}×"


def mark(ok):
    return DASH if ok is None else ("✓" if ok else "✗")


def check(value, test):
    return None if value is None else bool(test(value))


class Row:
    """One line: our PG and SQLite figures, PostGraphile's, the bare SQL reference, the
    ratios to PostGraphile, the goal and whether each of ours meets it."""

    def __init__(self, label, fmt, pg, sqlite, pgl=None, bare=None, goal="", ok_pg=None,
                 ok_sqlite=None, show_ratio=False):
        self.cells = [label, pair(fmt, pg, sqlite), fmt(pgl) if pgl is not None else "", bare or "",
                      fmt_ratio(ratio(pg, pgl)) if show_ratio else "",
                      fmt_ratio(ratio(sqlite, pgl)) if show_ratio else "", goal,
                      f"{mark(ok_pg)} / {mark(ok_sqlite)}" if goal else ""]


def table(r):
    """`r` maps each measurement to {pg, sqlite, pgl, bare_pg, bare_sqlite, …} medians."""
    get = lambda key, who: r.get(key, {}).get(who)  # noqa: E731
    rows = []

    nat = lambda w: get("national", w)  # noqa: E731
    if "national" in r:
        ok = lambda w: check(nat(w), lambda v: v <= 100 and (nat("pgl") is None or v <= 0.5 * nat("pgl")))  # noqa: E731,E501
        rows.append(Row(f"national commune scoreboard, full results ({r['national'].get('mb', 0):.1f} MB), p50",
                        ms, nat("pg"), nat("sqlite"), nat("pgl"),
                        pair(ms, get("national", "bare_pg"), get("national", "bare_sqlite")),
                        "≤ 100 ms and ≤ 0.5× PostGraphile", ok("pg"), ok("sqlite"), True))
    if "province" in r:
        ok = lambda w: check(get("province", w), lambda v: v <= 10)  # noqa: E731
        rows.append(Row("province commune scoreboard, p50", ms, get("province", "pg"),
                        get("province", "sqlite"), get("province", "pgl"),
                        pair(ms, get("province", "bare_pg"), get("province", "bare_sqlite")),
                        "≤ 10 ms", ok("pg"), ok("sqlite"), True))
    for key, label in (("results", "`indicatorResults` one unit"),
                       ("unit", "`unit(code){ name children { name } }`")):
        if key not in r:
            continue
        c = r[key]["connections"]
        v = lambda w: get(key, w)  # noqa: E731
        rows.append(Row(f"{label}, {c} connections", rps, v("pg"), v("sqlite"), v("pgl"), None,
                        "≥ 1.0× (PG) / ≥ 1.5× (SQLite) PostGraphile",
                        check(ratio(v("pg"), v("pgl")), lambda x: x >= 1.0),
                        check(ratio(v("sqlite"), v("pgl")), lambda x: x >= 1.5), True))
        p99 = lambda w: get(key + "_p99", w)  # noqa: E731
        rows.append(Row("  … p99 latency", ms, p99("pg"), p99("sqlite"), p99("pgl"), None,
                        "≤ 50 ms", check(p99("pg"), lambda x: x <= 50),
                        check(p99("sqlite"), lambda x: x <= 50)))
        rss = lambda w: get(key + "_rss", w)  # noqa: E731
        rows.append(Row("  … peak RSS under that load", mib, rss("pg"), rss("sqlite"), rss("pgl"),
                        None, "≤ 150 MB", check(rss("pg"), lambda x: x <= 150),
                        check(rss("sqlite"), lambda x: x <= 150)))
    if "save" in r:
        s = lambda w: get("save", w)  # noqa: E731
        rows.append(Row("`saveMonthlyReport` 13 values, p50", ms, s("pg"), s("sqlite"), None,
                        f"one committed INSERT: {ms(get('save', 'bare_pg'))}", "≤ 5 ms",
                        check(s("pg"), lambda x: x <= 5), check(s("sqlite"), lambda x: x <= 5)))
    if "cold" in r:
        c = lambda w: get("cold", w)  # noqa: E731
        rows.append(Row("cold start to first answer", ms, c("pg"), c("sqlite"), c("pgl"), None,
                        "≤ 100 ms", check(c("pg"), lambda x: x <= 100),
                        check(c("sqlite"), lambda x: x <= 100), True))
    if "rss_burst" in r:
        b = lambda w: get("rss_burst", w)  # noqa: E731
        rows.append(Row("RSS right after 30 national scoreboards", mib, b("pg"), b("sqlite"),
                        b("pgl")))
        i = lambda w: get("rss_idle", w)  # noqa: E731
        rows.append(Row(f"RSS {r['rss_idle'].get('seconds', 60)} s later", mib, i("pg"),
                        i("sqlite"), i("pgl"), None, "< 100 MB",
                        check(i("pg"), lambda x: x < 100), check(i("sqlite"), lambda x: x < 100)))
    if "binary" in r:
        size = r["binary"]["mb"]
        row = Row("release binary `target/release/chitieu`", mib, size, None, None, None,
                  "≤ 40 MB", size <= 40, size <= 40)
        row.cells[1], row.cells[-1] = mib(size), mark(size <= 40)
        rows.append(row)

    head = ["", "this (PG / SQLite)", "PostGraphile", "bare SQL on the roll-ups (PG / SQLite)",
            "PG ÷ PostGraphile", "SQLite ÷ PostGraphile", "goal", "met (PG / SQLite)"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(row.cells) + " |" for row in rows]
    return "\n".join(lines)
