-- Claims an address for a connection. ARGV: prefix, address, connection id (<node>/<n>), policy (EXCLUSIVE or
-- TAKE_OVER). Returns {1|0 granted, previous holder or ''}.
local p, address, me, policy = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local function node_of(id)
  return string.match(id, '^(.*)/[^/]*$')
end
local current = redis.call('HGET', p .. ':a', address)
if current and current ~= me then
  if policy == 'EXCLUSIVE' then
    return {0, current}
  end
  redis.call('SREM', p .. ':n:' .. node_of(current) .. ':a', address)
end
redis.call('HSET', p .. ':a', address, me)
redis.call('SADD', p .. ':n:' .. node_of(me) .. ':a', address)
if current and current ~= me then
  return {1, current}
end
return {1, ''}
