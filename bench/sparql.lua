-- wrk script for bench/load_bench.py: replays a rotation of prepared SPARQL requests.
--
--   wrk -t2 -c8 -d10s --latency -s bench/sparql.lua http://127.0.0.1:PORT -- REQUESTS.lua [NONCE]
--
-- REQUESTS.lua (written by load_bench.py) returns a list of
-- { method = "POST"|"GET", path = "/sparql?...", headers = { ... }, body = "..." | nil }.
-- Each thread cycles through the list, starting at its own offset so that threads interleave
-- different queries. With one request in the list it is a plain single-query run.
-- With a NONCE, every request's query ends with its own comment "# NONCE-thread-n", so that a server's
-- answer cache keyed on the query text never hits (the query means the same).
-- done() prints one line "WRK_RESULT {json}" for load_bench.py to read.

local thread_count = 0

function setup(thread)
  thread:set("offset", thread_count)
  thread_count = thread_count + 1
end

local spec = {}
local prepared = {}
local counter = 0
local nonce = nil
local thread_id = 0

function init(args)
  spec = dofile(args[1])
  if args[2] ~= nil and args[2] ~= "" then
    nonce = args[2]
  end
  thread_id = offset or 0
  counter = thread_id
  for i, r in ipairs(spec) do
    prepared[i] = wrk.format(r.method, r.path, r.headers, r.body)
  end
end

function request()
  counter = counter + 1
  local i = (counter % #prepared) + 1
  if nonce == nil then
    return prepared[i]
  end
  local r = spec[i]
  local mark = "\n# " .. nonce .. "-" .. thread_id .. "-" .. counter
  if r.body ~= nil then
    return wrk.format(r.method, r.path, r.headers, r.body .. mark)
  end
  return wrk.format(r.method, r.path .. "%0A%23%20" .. nonce .. "-" .. thread_id .. "-" .. counter, r.headers)
end

function done(summary, latency, _)
  local e = summary.errors
  io.write(string.format(
    'WRK_RESULT {"requests": %.0f, "duration_us": %.0f, "bytes": %.0f, '
      .. '"errors": {"connect": %.0f, "read": %.0f, "write": %.0f, "status": %.0f, "timeout": %.0f}, '
      .. '"latency_us": {"mean": %.1f, "p50": %.0f, "p90": %.0f, "p99": %.0f, "max": %.0f}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
