"""The GraphQL documents of scripts/bench-http, for this server and their nearest
PostGraphile equivalents (PostGraphile serves the tables and the functions of
postgraphile.sql; it knows nothing of indicators, targets or scores)."""

import json

# The benchmark data (`chitieu bench-data`) ends with 2023; the period is YTD through June.
YEAR, FIRST_MONTH, LAST_MONTH = 2023, 1, 6
PERIOD = {"year": YEAR, "kind": "YTD", "index": LAST_MONTH}

RESULT_FIELDS = """
      unit { id code name kind }
      indicator { id code group name kind direction points rule threshold active }
      period { year kind index firstMonth lastMonth }
      numerator denominator value target milestone status projection points maxPoints"""

# The commune scoreboard with every field of ScoreRow and every field of each of its
# results; a result's `unit` and `period` are the row's unit and the requested period, so
# they are left out, and its indicator is named by code (3.8 MB for the 1,938 communes of
# the national data; with `unit`, `period` and the indicator's id, name and kind in
# every result it would be 9.1 MB).
SCOREBOARD = """query Scoreboard($period: PeriodInput!) {
  scoreboard(period: $period, kind: COMMUNE) {
    rank score earned available
    unit { id code name kind }
    results {
      indicator { code }
      numerator denominator value target milestone status projection points maxPoints
    }
  }
}"""

# PostGraphile: the period sums of every commune × measure (see postgraphile.sql).
PGL_SCOREBOARD = """query Scoreboard($y: Int!, $f: Int!, $l: Int!) {
  benchCommunePeriodSums(ofYear: $y, fromMonth: $f, toMonth: $l) {
    nodes { unitId unitCode unitName measureCode total count }
  }
}"""

# indicatorResults of one commune, every field, with its unit, indicator and period.
RESULTS = """query UnitResults($period: PeriodInput!, $unit: ID!) {
  indicatorResults(period: $period, unitIds: [$unit]) {%s
  }
}""" % RESULT_FIELDS

# PostGraphile: that commune's period sums per measure.
PGL_RESULTS = """query UnitResults($unit: Int!, $y: Int!, $f: Int!, $l: Int!) {
  benchUnitPeriodSums(unit: $unit, ofYear: $y, fromMonth: $f, toMonth: $l) {
    nodes { unitId unitCode unitName measureCode total count }
  }
}"""

# A unit by code with its children's names. PostGraphile names the lookup after the
# unique constraint on units.code and the children after the foreign key parent_id.
UNIT = "query Unit($code: String!) { unit(code: $code) { name children { name } } }"
PGL_UNIT = """query Unit($code: String!) {
  unitByCode(code: $code) { name unitsByParentId { nodes { name } } }
}"""

SAVE = """mutation Save($unit: ID!, $values: [MeasureValueInput!]!) {
  saveMonthlyReport(unitId: $unit, year: 2024, month: 1, values: $values) { version status }
}"""

MEASURES = ["RECEIVED", "RECEIVED_ONLINE", "FULL_ONLINE", "DIGITIZED", "REUSED", "FEE_BEARING",
            "PAID_ONLINE", "DUE", "ON_TIME", "SETTLED", "E_RESULT", "FEEDBACK",
            "FEEDBACK_ON_TIME"]
WHOLES = {"RECEIVED", "DUE", "SETTLED", "FEEDBACK"}


def body(query, variables):
    return json.dumps({"query": query, "variables": variables}).encode()


def scoreboard():
    return body(SCOREBOARD, {"period": PERIOD})


def pgl_scoreboard():
    return body(PGL_SCOREBOARD, {"y": YEAR, "f": FIRST_MONTH, "l": LAST_MONTH})


def results(unit_id):
    return body(RESULTS, {"period": PERIOD, "unit": str(unit_id)})


def pgl_results(unit_id):
    return body(PGL_RESULTS, {"unit": int(unit_id), "y": YEAR, "f": FIRST_MONTH,
                              "l": LAST_MONTH})


def unit(code):
    return body(UNIT, {"code": code})


def pgl_unit(code):
    return body(PGL_UNIT, {"code": code})


def save(unit_id, n):
    """The n-th save of 13 values of January 2024 (a month without benchmark figures): the
    wholes alternate between 1000 and 1001 so that every save really writes, the parts stay
    at 500 within the consistency rules."""
    values = [{"measureCode": m, "value": 1000 + n % 2 if m in WHOLES else 500}
              for m in MEASURES]
    return body(SAVE, {"unit": str(unit_id), "values": values})


LOGIN = """mutation Login($u: String!, $p: String!) { login(username: $u, password: $p) { token } }"""
