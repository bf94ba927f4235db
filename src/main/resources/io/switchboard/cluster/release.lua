-- Gives an address up if the connection still holds it. ARGV: prefix, address, connection id.
-- Returns 1 when it did.
local p, address, me = ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', p .. ':a', address) ~= me then
  return 0
end
redis.call('HDEL', p .. ':a', address)
redis.call('SREM', p .. ':n:' .. string.match(me, '^(.*)/[^/]*$') .. ':a', address)
return 1
