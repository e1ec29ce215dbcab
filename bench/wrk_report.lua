-- wrk script for `make bench` (bench/load.py runs it).
-- Each request carries one of the signed-in sessions in BENCH_COOKIES ("a=1; b=2|a=3; b=4|..."),
-- taken in turn, so concurrent requests are different clinicians' sessions, as in real use (one
-- shared session would make every request wait on the same session row). done() prints one
-- machine-readable line: the counts, the errors and the latency percentiles in microseconds.

local sessions = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "[^|]+") do
  table.insert(sessions, cookie)
end

local thread_count = 0
function setup(thread)
  thread_count = thread_count + 1
  thread:set("offset", thread_count * 5)
end

local turn = 0
function request()
  turn = turn + 1
  if #sessions > 0 then
    wrk.headers["Cookie"] = sessions[((turn + (offset or 0)) % #sessions) + 1]
  end
  return wrk.format(nil, nil, wrk.headers)
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    "BENCH_RESULT requests=%d duration_us=%d connect=%d read=%d write=%d status=%d timeout=%d "
      .. "p50_us=%d p95_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
