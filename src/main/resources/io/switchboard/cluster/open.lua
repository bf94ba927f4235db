-- A connection opened on a node. ARGV: prefix, node, channel, user id ('' when not a /ws user), username, now ms,
-- the most /ws connections a user may hold in the cluster ('0' = no limit).
-- Returns 1 when it is the user's first /ws connection in the whole cluster, 0 when it is not, -1 when the user
-- holds the most connections already: then nothing is counted (SWITCHBOARD_MAX_CONNECTIONS_PER_USER).
local p, node, channel, uid, name, now, max = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
if uid == '' then
  redis.call('HINCRBY', p .. ':ch:' .. channel, node, 1)
  return 0
end
local total = 0
for _, v in ipairs(redis.call('HVALS', p .. ':u:' .. uid)) do
  total = total + tonumber(v)
end
if max > 0 and total >= max then
  return -1
end
redis.call('HINCRBY', p .. ':ch:' .. channel, node, 1)
redis.call('HINCRBY', p .. ':u:' .. uid, node, 1)
redis.call('HINCRBY', p .. ':n:' .. node .. ':u', uid, 1)
if total == 0 then
  redis.call('ZADD', p .. ':online', 0, uid)
  redis.call('HSET', p .. ':names', uid, name)
  redis.call('HSET', p .. ':since', uid, now)
  return 1
end
return 0
