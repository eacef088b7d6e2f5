-- Shared by every peerstack cluster script (prepended to each). Keys, under the prefix ARGV[1]:
--   nodes            set   node ids of live (registered) nodes
--   alive:<node>     string with a TTL: the node's heartbeat
--   members:<node>   set   peer ids of the members on that node
--   peers            hash  peer id -> room name (a peer id is in at most one room cluster-wide)
--   room:<room>      hash  peer id -> node id NUL display name (empty = none)
--   rooms            set   names of rooms with at least one member
--   sfu-rooms        set   names of those that are SFU rooms (fixed by the join that creates the room)
-- Channel to:<node>: the events and relayed messages for that node (see Wire.java).
local p = ARGV[1]

local function nodeOf(value)
  local sep = string.find(value, '\0', 1, true)
  return string.sub(value, 1, sep - 1), string.sub(value, sep + 1)
end

-- Removes peer (a member on node) from room and tells the other nodes with members there.
local function removePeer(room, peer, node)
  redis.call('SREM', p .. 'members:' .. node, peer)
  local key = p .. 'room:' .. room
  local value = redis.call('HGET', key, peer)
  if not value or nodeOf(value) ~= node then
    return 0
  end
  redis.call('HDEL', key, peer)
  redis.call('HDEL', p .. 'peers', peer)
  local rest = redis.call('HVALS', key)
  if #rest == 0 then
    redis.call('SREM', p .. 'rooms', room)
    redis.call('SREM', p .. 'sfu-rooms', room)
    return 1
  end
  local told = {}
  local left = 'L\0' .. room .. '\0' .. peer
  for i = 1, #rest do
    local other = nodeOf(rest[i])
    if other ~= node and not told[other] then
      told[other] = true
      redis.call('PUBLISH', p .. 'to:' .. other, left)
    end
  end
  return 1
end
