-- wrk: announces of a swarm of PEERS peers to one torrent, each peer in turn, numwant=50.
-- Peer i is listed at 127.1.(i % PIDS).(i / PIDS + 1) (the ip parameter, which alto tracker
-- believes with --accept-ip-param and opentracker ignores), port 10000 + i, as a leecher.
-- Environment: PEERS (1000), PIDS (20), CLOSE (see below).
local peers = tonumber(os.getenv("PEERS") or "1000")
local pids = tonumber(os.getenv("PIDS") or "20")
local counter = 0
-- CLOSE=1: one request per connection, as opentracker answers (it closes after every reply)
local headers = os.getenv("CLOSE") == "1" and { ["Connection"] = "close" } or nil

request = function()
  local i = counter % peers
  counter = counter + 1
  local path = string.format("/announce?info_hash=altokit-bench-swarm1&peer_id=-BENCH-%013d&port=%d"
      .. "&uploaded=0&downloaded=0&left=1000&compact=1&numwant=50&ip=127.1.%d.%d",
      i, 10000 + i, i % pids, math.floor(i / pids) + 1)
  return wrk.format("GET", path, headers)
end

response = function(status, headers, body)
  if status ~= 200 then
    wrk.thread:stop()
  end
end
