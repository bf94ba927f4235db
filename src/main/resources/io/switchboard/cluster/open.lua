-- A connection opened on a node. ARGV: prefix, node, channel, user id ('' when not a /ws user), username, now ms.
-- Returns 1 when it is the user's first /ws connection in the whole cluster.
local p, node, channel, uid, name, now = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6]
redis.call('HINCRBY', p .. ':ch:' .. channel, node, 1)
if uid == '' then
  return 0
end
redis.call('HINCRBY', p .. ':u:' .. uid, node, 1)
redis.call('HINCRBY', p .. ':n:' .. node .. ':u', uid, 1)
local total = 0
for _, v in ipairs(redis.call('HVALS', p .. ':u:' .. uid)) do
  total = total + tonumber(v)
end
if total == 1 then
  redis.call('ZADD', p .. ':online', 0, uid)
  redis.call('HSET', p .. ':names', uid, name)
  redis.call('HSET', p .. ':since', uid, now)
  return 1
end
return 0
