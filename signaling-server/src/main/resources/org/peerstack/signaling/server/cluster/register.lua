-- ARGV: prefix, node, TTL (ms), first ('1': a new node id, refused if a live node has it).
-- Returns 1 when registered, 0 when the id is taken.
local node = ARGV[2]
if ARGV[4] == '1' and redis.call('EXISTS', p .. 'alive:' .. node) == 1 then
  return 0
end
redis.call('SADD', p .. 'nodes', node)
redis.call('SET', p .. 'alive:' .. node, '1', 'PX', ARGV[3])
return 1
