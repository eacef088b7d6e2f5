-- ARGV: prefix, room, peer, node, name, max members per room, max rooms, rejoin ('1': re-registering a
-- member this node already had, after a Redis restart or loss: no limit checks), mode wanted ('' or
-- absent: a mesh room if new; 's': an SFU room if new; 'S': an SFU room, refused if the room is a mesh
-- room), max members of an SFU room.
-- Returns 'ok' and publishes W (V for an SFU room) to the joining node and J to every other node of the
-- room, or returns the refusal: 'not-registered', 'id-taken', 'room-full', 'too-many-rooms', 'room-mode'.
local room, peer, node, name = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local rejoin = ARGV[8] == '1'
local wanted = ARGV[9] or ''
local sfu = redis.call('SISMEMBER', p .. 'sfu-rooms', room) == 1
if redis.call('SISMEMBER', p .. 'nodes', node) == 0 then
  return 'not-registered'
end
local key = p .. 'room:' .. room
local owner = redis.call('HGET', p .. 'peers', peer)
if owner then
  local mine = rejoin and owner == room and nodeOf(redis.call('HGET', key, peer) or '?\0') == node
  if not mine then
    return 'id-taken'
  end
elseif not rejoin then
  local n = redis.call('HLEN', key)
  if n == 0 then
    if redis.call('SCARD', p .. 'rooms') >= tonumber(ARGV[7]) then
      return 'too-many-rooms'
    end
    sfu = wanted ~= ''
  elseif wanted == 'S' and not sfu then
    return 'room-mode'
  end
  local limit = tonumber(ARGV[6])
  if sfu and ARGV[10] then
    limit = tonumber(ARGV[10])
  end
  if n >= limit then
    return 'room-full'
  end
  if sfu then
    redis.call('SADD', p .. 'sfu-rooms', room)
  else
    redis.call('SREM', p .. 'sfu-rooms', room)
  end
end
local all = redis.call('HGETALL', key)
local welcome = {sfu and 'V' or 'W', room, peer}
local nodes = {}
for i = 1, #all, 2 do
  if all[i] ~= peer then
    local other, otherName = nodeOf(all[i + 1])
    welcome[#welcome + 1] = all[i]
    welcome[#welcome + 1] = other
    welcome[#welcome + 1] = otherName
    if other ~= node then
      nodes[other] = true
    end
  end
end
redis.call('HSET', key, peer, node .. '\0' .. name)
redis.call('SADD', p .. 'rooms', room)
redis.call('HSET', p .. 'peers', peer, room)
redis.call('SADD', p .. 'members:' .. node, peer)
redis.call('PUBLISH', p .. 'to:' .. node, table.concat(welcome, '\0'))
local joined = table.concat({'J', room, peer, node, name}, '\0')
for other in pairs(nodes) do
  redis.call('PUBLISH', p .. 'to:' .. other, joined)
end
return 'ok'
