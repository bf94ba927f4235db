-- Publishes a delivery to whoever holds an address. ARGV: prefix, address, this node, payload.
-- Returns 1 when the holder is on another node (published), 0 when nobody holds it, -1 when it is this node's.
local p, address, self, payload = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local holder = redis.call('HGET', p .. ':a', address)
if not holder then
  return 0
end
local node = string.match(holder, '^(.*)/[^/]*$')
if node == self then
  return -1
end
redis.call('PUBLISH', p .. ':to:' .. node, payload)
return 1
