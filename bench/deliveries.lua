-- wrk script for ./bench.sh append: each request records a delivery against a random generated commitment.
-- Reads the commitment ids from bench/results/commitments.txt and the token from bench/results/token.txt.
local ids = {}
local token

local function read_lines(path)
  local lines = {}
  for line in io.lines(path) do
    if #line > 0 then lines[#lines + 1] = line end
  end
  return lines
end

function init(args)
  local dir = os.getenv("BENCH_DIR") or "bench/results"
  ids = read_lines(dir .. "/commitments.txt")
  token = read_lines(dir .. "/token.txt")[1]
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  local id = ids[math.random(#ids)]
  local body = '{"period":"2026-0' .. math.random(1, 9) .. '","quantity":' .. math.random(1, 500) .. '}'
  return wrk.format("POST", "/api/commitments/" .. id .. "/deliveries",
    { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

local failures = 0
function response(status, headers, body)
  if status ~= 201 then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body .. "\n") end
  end
end
