-- wrk script for the ingest benchmark: posts HL7 v2 XML samples in turn, each with a unique MSH-10 and the
-- hospital's API key. Arguments after "--": KEY HOSPITAL NONCE RATE THREADS FILE...
-- RATE > 0 is the total request rate to offer (requests/s over all THREADS wrk threads); 0 sends as fast as the
-- connections allow.
local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } gw_bench_timespec;
int clock_gettime(int clock, gw_bench_timespec* time);
]]
local CLOCK_MONOTONIC = 1
local timespec = ffi.new("gw_bench_timespec")
local function nowMs()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local files = {}
local counter = 0
local threads = {}
local intervalMs = 0 -- between request starts of this thread when paced
local nextStartMs = nil

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  key, hospital, nonce = args[1], args[2], args[3]
  local rate, threadCount = tonumber(args[4]), tonumber(args[5])
  if rate > 0 then intervalMs = 1000 * threadCount / rate end
  for i = 6, #args do
    local f = assert(io.open(args[i], "rb"))
    table.insert(files, f:read("*a"))
    f:close()
  end
  wrk.method = "POST"
  wrk.path = "/v1/hospitals/" .. hospital .. "/messages"
  wrk.headers["X-API-Key"] = key
  wrk.headers["Content-Type"] = "application/xml"
end

function request()
  counter = counter + 1
  local body = files[(counter % #files) + 1]
  local id = "B" .. nonce .. "-" .. tid .. "-" .. counter
  -- MSH.10 with or without a namespace prefix; the first occurrence is the message's own.
  body = body:gsub("<([%w_]*:?)MSH%.10>[^<]*</%1MSH%.10>", "<%1MSH.10>" .. id .. "</%1MSH.10>", 1)
  return wrk.format(nil, nil, nil, body)
end

-- wrk calls delay() after each response of any of this thread's connections and waits that long before
-- that connection's next request. A plain pause would make the offered rate depend on latency, so the
-- thread keeps a wall-clock schedule instead: each call takes the next start slot. Slots more than a
-- second in the past are dropped rather than sent in a burst (the achieved rate then shows the shortfall).
function delay()
  if intervalMs == 0 then return 0 end
  local now = nowMs()
  if nextStartMs == nil or nextStartMs < now - 1000 then nextStartMs = now end
  local wait = nextStartMs - now
  nextStartMs = nextStartMs + intervalMs
  if wait <= 0 then return 0 end
  return math.floor(wait)
end

function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.timeout
  io.write(string.format("RESULT requests=%d failed=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f\n", summary.requests,
                         failed, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
