-- The request mix of scripts/load-test (prepended with `token` and `units`):
-- 30 % scoreboard of every commune (dashboard), 30 % indicator results of one commune,
-- 20 % one monthly report, 20 % saveMonthlyReport on a random commune and month of 2024/2025.
-- A response counts as an error when its status is not 200 or its body has "errors".

counter = 0
errors = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() + id * 7919)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. token
end

local function body(query, variables)
  return '{"query":' .. string.format("%q", query):gsub("\\\n", "\\n") .. ',"variables":' .. variables .. '}'
end

local SCOREBOARD = "query Scoreboard($m: Int!) { scoreboard(period: {year: 2023, kind: YTD, index: $m}, kind: COMMUNE) { rank score unit { code name } } }"
local RESULTS = "query UnitResults($u: ID!, $m: Int!) { indicatorResults(period: {year: 2023, kind: MONTH, index: $m}, unitIds: [$u]) { indicator { code } value numerator denominator } }"
local REPORT = "query MonthlyReport($u: ID!, $m: Int!) { monthlyReport(unitId: $u, year: 2023, month: $m) { status version values { measure { code } value } } }"
local SAVE = "mutation SaveMonthlyReport($u: ID!, $y: Int!, $m: Int!, $v: Int!) { saveMonthlyReport(unitId: $u, year: $y, month: $m, values: [{measureCode: \"RECEIVED\", value: $v}]) { version } }"

function request()
  counter = counter + 1
  local r = math.random(100)
  local unit = units[math.random(#units)]
  local month = math.random(12)
  local b
  if r <= 30 then
    b = body(SCOREBOARD, string.format('{"m":%d}', month))
  elseif r <= 60 then
    b = body(RESULTS, string.format('{"u":"%s","m":%d}', unit, month))
  elseif r <= 80 then
    b = body(REPORT, string.format('{"u":"%s","m":%d}', unit, month))
  else
    b = body(SAVE, string.format('{"u":"%s","y":%d,"m":%d,"v":%d}', unit, 2023 + math.random(2), month, math.random(1000)))
  end
  return wrk.format(nil, nil, nil, b)
end

function response(status, headers, resp)
  if status ~= 200 or string.find(resp, '"errors"', 1, true) then
    errors = errors + 1
    if errors <= 3 then
      io.stderr:write("error response (" .. status .. "): " .. string.sub(resp, 1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local total_errors = 0
  for _, t in ipairs(threads) do
    total_errors = total_errors + t:get("errors")
  end
  io.write(string.format("requests: %d, GraphQL or HTTP errors: %d, socket errors: %d connect %d read %d write %d timeout\n",
    summary.requests, total_errors, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; %.0f requests/s\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, summary.requests / (summary.duration / 1e6)))
end
