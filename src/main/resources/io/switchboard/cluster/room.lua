-- A connection joined (+1) or left (-1) a room on a node. ARGV: prefix, node, room, delta, kind, created ms, and
-- for a /ws member its connection id and "user id TAB name TAB since ms" (what the admin API lists), or ''.
-- The room's kind and creation time are kept while any node has members (and for device rooms, for good), so
-- that another node can join a room it has never seen.
local p, node, room, delta, kind, created = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], ARGV[6]
local conn, member = ARGV[7], ARGV[8]
if delta < 0 and not redis.call('HGET', p .. ':r:' .. room, node) then
  return 0
end
local left = redis.call('HINCRBY', p .. ':r:' .. room, node, delta)
local byNode = redis.call('HINCRBY', p .. ':n:' .. node .. ':r', room, delta)
if byNode <= 0 then
  redis.call('HDEL', p .. ':n:' .. node .. ':r', room)
end
if left <= 0 then
  redis.call('HDEL', p .. ':r:' .. room, node)
end
if conn ~= '' then
  if delta > 0 then
    redis.call('HSET', p .. ':rmem:' .. room, conn, member)
  else
    redis.call('HDEL', p .. ':rmem:' .. room, conn)
  end
end
if delta > 0 then
  redis.call('HSETNX', p .. ':rooms', room, kind .. '|' .. created)
elseif kind == 'ws' and redis.call('EXISTS', p .. ':r:' .. room) == 0 then
  redis.call('HDEL', p .. ':rooms', room)
end
return left
