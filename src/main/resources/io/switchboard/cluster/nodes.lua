-- The nodes with their last heartbeat and connections per endpoint. ARGV: prefix, then the endpoint labels.
-- Returns {node, last seen ms, connections of each endpoint in ARGV's order, node, ...}.
local p = ARGV[1]
local out = {}
local nodes = redis.call('ZRANGE', p .. ':nodes', 0, -1, 'WITHSCORES')
for i = 1, #nodes, 2 do
  local node = nodes[i]
  table.insert(out, node)
  table.insert(out, nodes[i + 1])
  for j = 2, #ARGV do
    table.insert(out, redis.call('HGET', p .. ':ch:' .. ARGV[j], node) or '0')
  end
end
return out
