-- wrk script of the benchmark: requests cycle through the paths of a file (one per line, args[1]), each thread
-- from its own starting point; done() prints the figures as one JSON line the runner reads.
local paths = {}
local counter = 0
local header = nil

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
  counter = math.random(#paths)
  if args[2] ~= nil and #args[2] > 0 then header = args[2] end
end

function request()
  counter = counter % #paths + 1
  if header ~= nil then
    return wrk.format("GET", paths[counter], { ["Authorization"] = header })
  end
  return wrk.format("GET", paths[counter])
end

function done(summary, latency, requests)
  io.write(string.format(
    'WRKJSON {"requests":%d,"durationUs":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,"writeErrors":%d,' ..
    '"timeouts":%d,"non2xx":%d,"p50Us":%d,"p90Us":%d,"p99Us":%d,"p999Us":%d,"maxUs":%d,"meanUs":%.1f}\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.connect, summary.errors.read,
    summary.errors.write, summary.errors.timeout, summary.errors.status,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9),
    latency.max, latency.mean))
end
