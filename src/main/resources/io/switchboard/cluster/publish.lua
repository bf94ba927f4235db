-- Publishes a delivery to every other node holding receivers of a target, found in a node-indexed hash
-- (KEYS[1]: a user's, a room's or an endpoint's node -> count). ARGV: prefix, this node, payload, 'all' to use the
-- cluster-wide channel once instead of one message per node.
-- Returns the number of receivers on the other nodes (0: nobody else anywhere).
local p, self, payload, mode = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local h = redis.call('HGETALL', KEYS[1])
local remote = 0
for i = 1, #h, 2 do
  local node, count = h[i], tonumber(h[i + 1])
  if node ~= self and count > 0 then
    remote = remote + count
    if mode ~= 'all' then
      redis.call('PUBLISH', p .. ':to:' .. node, payload)
    end
  end
end
if mode == 'all' and remote > 0 then
  redis.call('PUBLISH', p .. ':all', payload)
end
return remote
