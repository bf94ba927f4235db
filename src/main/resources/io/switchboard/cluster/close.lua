-- A connection closed on a node. ARGV: prefix, node, channel, user id ('' when not a /ws user).
-- Returns 1 when it was the user's last /ws connection in the whole cluster. A node's entries that were reaped
-- already (an orderly stop reaps its node once its connections are closed) are not counted twice.
local p, node, channel, uid = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local function decr(key, field)
  if not redis.call('HGET', key, field) then
    return false
  end
  if redis.call('HINCRBY', key, field, -1) <= 0 then
    redis.call('HDEL', key, field)
  end
  return true
end
decr(p .. ':ch:' .. channel, node)
if uid == '' then
  return 0
end
decr(p .. ':n:' .. node .. ':u', uid)
if not decr(p .. ':u:' .. uid, node) then
  return 0
end
if redis.call('EXISTS', p .. ':u:' .. uid) == 0 then
  redis.call('ZREM', p .. ':online', uid)
  redis.call('HDEL', p .. ':names', uid)
  redis.call('HDEL', p .. ':since', uid)
  return 1
end
return 0
