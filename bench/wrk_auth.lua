-- wrk script: every request carries the bearer token from $WEBMON_BENCH_TOKEN; at the end one
-- JSON line (prefixed "WRK_JSON ") with the figures api_bench.py reads.
--   WEBMON_BENCH_TOKEN=... wrk -t2 -c64 -d20s -s bench/wrk_auth.lua 'http://127.0.0.1:8000/api/v1/websites?limit=100'
local token = os.getenv("WEBMON_BENCH_TOKEN")
if token == nil or token == "" then
  error("set WEBMON_BENCH_TOKEN to a bearer token")
end
wrk.headers["Authorization"] = "Bearer " .. token
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  local errors = summary.errors
  local parts = {}
  table.insert(parts, string.format('"requests":%d', summary.requests))
  table.insert(parts, string.format('"duration_us":%d', summary.duration))
  table.insert(parts, string.format('"bytes":%d', summary.bytes))
  table.insert(parts, string.format('"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}',
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
  table.insert(parts, string.format('"latency_us":{"mean":%.1f,"stdev":%.1f,"min":%d,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}',
    latency.mean, latency.stdev, latency.min, latency.max,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
  io.write("WRK_JSON {" .. table.concat(parts, ",") .. "}\n")
end
