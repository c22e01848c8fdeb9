-- wrk script for the ingest benchmark: posts HL7 v2 XML samples in turn, each with a unique MSH-10 and the
-- hospital's API key. Arguments after "--": KEY HOSPITAL NONCE PACE_MS FILE...
-- PACE_MS > 0 makes each connection wait that long between requests (a fixed offered rate).
local files = {}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("tid", #threads)
  table.insert(threads, thread)
end

function init(args)
  key, hospital, nonce, pace = args[1], args[2], args[3], tonumber(args[4])
  for i = 5, #args do
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

function delay()
  return pace
end

function done(summary, latency, requests)
  local failed = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write +
                 summary.errors.timeout
  io.write(string.format("RESULT requests=%d failed=%d seconds=%.3f p50_ms=%.3f p99_ms=%.3f\n", summary.requests,
                         failed, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
