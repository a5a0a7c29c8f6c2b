-- wrk script of scripts/bench-http: the same POST on every request.
--   wrk ... -s post.lua URL -- BODY_FILE [TOKEN]
-- The JSON body is read from BODY_FILE; TOKEN, when given, is sent as a bearer token.
-- A response counts as an error when its status is not 200 or its body has "errors";
-- the first three are printed. done() prints one `RESULT key=value …` line for the script.

errors = 0
local threads = {}
local req

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  local f = assert(io.open(args[1], "rb"))
  local body = f:read("*a")
  f:close()
  local headers = { ["Content-Type"] = "application/json" }
  if args[2] and args[2] ~= "" then
    headers["Authorization"] = "Bearer " .. args[2]
  end
  req = wrk.format("POST", nil, headers, body)
end

function request()
  return req
end

function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) then
    errors = errors + 1
    if errors <= 3 then
      io.stderr:write("error response (" .. status .. "): " .. string.sub(body, 1, 300) .. "\n")
    end
  end
end

function done(summary, latency, requests)
  local total_errors = 0
  for _, t in ipairs(threads) do
    total_errors = total_errors + t:get("errors")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50=%.3f p90=%.3f p99=%.3f max=%.3f errors=%d socket=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    total_errors, e.connect + e.read + e.write + e.timeout))
end
