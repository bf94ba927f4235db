-- Removes a node that stopped answering (or is stopping) from everything the cluster knows of it, once.
-- ARGV: prefix, node, deadline ms (reap only if its last heartbeat is older; '' = unconditionally), then the
-- endpoint labels (ws, rooms, ...).
-- Marks a node reaped by the others (P:reaped:<node>) so that it re-announces its users if it comes back.
-- Returns {users who are now offline everywhere as uid, name, uid, name, ...}, {addresses it held}.
local p, node, deadline = ARGV[1], ARGV[2], ARGV[3]
if deadline ~= '' then
  local seen = redis.call('ZSCORE', p .. ':nodes', node)
  if seen and tonumber(seen) >= tonumber(deadline) then
    return {{}, {}}
  end
end
if redis.call('ZREM', p .. ':nodes', node) == 1 and deadline ~= '' then
  -- Reaped by the others, whose users are told it left: if it comes back (a cut link), it announces its users
  -- again. Kept an hour: a node away longer starts afresh anyway.
  redis.call('SET', p .. ':reaped:' .. node, '1', 'PX', 3600000)
end
local gone = {}
local users = redis.call('HGETALL', p .. ':n:' .. node .. ':u')
for i = 1, #users, 2 do
  local uid = users[i]
  redis.call('HDEL', p .. ':u:' .. uid, node)
  if redis.call('EXISTS', p .. ':u:' .. uid) == 0 then
    local name = redis.call('HGET', p .. ':names', uid) or uid
    redis.call('ZREM', p .. ':online', uid)
    redis.call('HDEL', p .. ':names', uid)
    redis.call('HDEL', p .. ':since', uid)
    table.insert(gone, uid)
    table.insert(gone, name)
  end
end
redis.call('DEL', p .. ':n:' .. node .. ':u')
for i = 4, #ARGV do
  redis.call('HDEL', p .. ':ch:' .. ARGV[i], node)
end
local rooms = redis.call('HKEYS', p .. ':n:' .. node .. ':r')
for _, room in ipairs(rooms) do
  redis.call('HDEL', p .. ':r:' .. room, node)
  local members = redis.call('HKEYS', p .. ':rmem:' .. room)
  for _, conn in ipairs(members) do
    if string.sub(conn, 1, #node + 1) == node .. '/' then
      redis.call('HDEL', p .. ':rmem:' .. room, conn)
    end
  end
  if redis.call('EXISTS', p .. ':r:' .. room) == 0 then
    local info = redis.call('HGET', p .. ':rooms', room)
    if info and string.sub(info, 1, 3) == 'ws|' then
      redis.call('HDEL', p .. ':rooms', room)
    end
  end
end
redis.call('DEL', p .. ':n:' .. node .. ':r')
local released = {}
for _, address in ipairs(redis.call('SMEMBERS', p .. ':n:' .. node .. ':a')) do
  local holder = redis.call('HGET', p .. ':a', address)
  if holder and string.match(holder, '^(.*)/[^/]*$') == node then
    redis.call('HDEL', p .. ':a', address)
    table.insert(released, address)
    local room, device = string.match(address, '^room%-device:([^:]*):(.*)$')
    if room then
      redis.call('HDEL', p .. ':rm:' .. room, device)
    end
  end
end
redis.call('DEL', p .. ':n:' .. node .. ':a')
return {gone, released}
