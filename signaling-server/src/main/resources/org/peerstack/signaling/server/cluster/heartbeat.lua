-- ARGV: prefix, node, TTL (ms). Returns {0} when the node is not registered (Redis lost its state, or
-- other nodes declared this one dead), else {1, dead node ids...}: registered nodes whose heartbeat expired.
local node = ARGV[2]
if redis.call('SISMEMBER', p .. 'nodes', node) == 0 then
  return {0}
end
redis.call('SET', p .. 'alive:' .. node, '1', 'PX', ARGV[3])
local result = {1}
local nodes = redis.call('SMEMBERS', p .. 'nodes')
for i = 1, #nodes do
  if redis.call('EXISTS', p .. 'alive:' .. nodes[i]) == 0 then
    result[#result + 1] = nodes[i]
  end
end
return result
