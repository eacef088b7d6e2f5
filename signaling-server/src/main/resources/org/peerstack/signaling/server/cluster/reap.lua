-- ARGV: prefix, node, force ('1': the node itself leaves the cluster on shutdown).
-- Unless forced, only a node whose heartbeat expired. Removes the node and all its members, telling the
-- other nodes 'L' for each. Returns the number of members removed, -1 if nothing was done.
local node = ARGV[2]
if ARGV[3] ~= '1' and redis.call('EXISTS', p .. 'alive:' .. node) == 1 then
  return -1
end
if redis.call('SREM', p .. 'nodes', node) == 0 and ARGV[3] ~= '1' then
  return -1
end
redis.call('DEL', p .. 'alive:' .. node)
local removed = 0
local peers = redis.call('SMEMBERS', p .. 'members:' .. node)
for i = 1, #peers do
  local room = redis.call('HGET', p .. 'peers', peers[i])
  if room then
    removed = removed + removePeer(room, peers[i], node)
  end
end
redis.call('DEL', p .. 'members:' .. node)
return removed
