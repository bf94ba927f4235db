-- Gives an address up if the connection still holds it. ARGV: prefix, address, connection id.
-- Returns 1 when it did.
local p, address, me = ARGV[1], ARGV[2], ARGV[3]
if redis.call('HGET', p .. ':a', address) ~= me then
  return 0
end
redis.call('HDEL', p .. ':a', address)
-- A device's place in its room: it is no longer listed there (in the same step, so that a newer connection of
-- the same device, which took the place over, is never unlisted by the older one's late release).
local room, device = string.match(address, '^room%-device:([^:]*):(.*)$')
if room then
  redis.call('HDEL', p .. ':rm:' .. room, device)
end
redis.call('SREM', p .. ':n:' .. string.match(me, '^(.*)/[^/]*$') .. ':a', address)
return 1
