-- wrk script for ./bench.sh risk: every request GETs $BENCH_PATH with the bearer token in $BENCH_DIR/token.txt;
-- at the end it prints the percentiles wrk's --latency leaves out (p95) and the count of answers that were not 200.
local token, path

function init(args)
  token = io.open(os.getenv("BENCH_DIR") .. "/token.txt"):read("*l")
  path = os.getenv("BENCH_PATH")
end

function request()
  return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
end

local failures = 0
function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body .. "\n") end
  end
end

function done(summary, latency, requests)
  io.write(string.format("bench p50_ms %.3f\n", latency:percentile(50) / 1000))
  io.write(string.format("bench p95_ms %.3f\n", latency:percentile(95) / 1000))
  io.write(string.format("bench p99_ms %.3f\n", latency:percentile(99) / 1000))
  io.write(string.format("bench requests %d\n", summary.requests))
  io.write(string.format("bench rps %.1f\n", summary.requests / (summary.duration / 1000000)))
  io.write(string.format("bench non200 %d\n", summary.errors.status))
end
