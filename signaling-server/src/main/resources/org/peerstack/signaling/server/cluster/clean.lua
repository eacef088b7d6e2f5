-- ARGV: prefix, node, peer ids the node still holds... Removes the node's other members (those that
-- left while Redis was unreachable), telling the other nodes 'L' for each. Returns how many.
local node = ARGV[2]
local keep = {}
for i = 3, #ARGV do
  keep[ARGV[i]] = true
end
local removed = 0
local peers = redis.call('SMEMBERS', p .. 'members:' .. node)
for i = 1, #peers do
  if not keep[peers[i]] then
    local room = redis.call('HGET', p .. 'peers', peers[i])
    if room then
      removed = removed + removePeer(room, peers[i], node)
    else
      redis.call('SREM', p .. 'members:' .. node, peers[i])
    end
  end
end
return removed
