-- wrk script for ./bench.sh register: each request reads a random page of 50 of the register.
-- Reads the number of pages from $BENCH_DIR/pages.txt and the token from $BENCH_DIR/token.txt.
local pages, token

function init(args)
  local dir = os.getenv("BENCH_DIR")
  pages = tonumber(io.open(dir .. "/pages.txt"):read("*l"))
  token = io.open(dir .. "/token.txt"):read("*l")
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

function request()
  return wrk.format("GET", "/api/commitments?pageSize=50&page=" .. math.random(pages),
    { ["Authorization"] = "Bearer " .. token })
end

local failures = 0
function response(status, headers, body)
  if status ~= 200 then
    failures = failures + 1
    if failures <= 3 then io.stderr:write("unexpected " .. status .. ": " .. body .. "\n") end
  end
end
