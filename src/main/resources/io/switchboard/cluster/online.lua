-- A page of the users online anywhere, by id. ARGV: prefix, offset, limit.
-- Returns {total, uid, name, since ms, connections, uid, ...}.
local p, offset, limit = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3])
local total = redis.call('ZCARD', p .. ':online')
local out = {total}
if limit <= 0 then
  return out
end
for _, uid in ipairs(redis.call('ZRANGE', p .. ':online', offset, offset + limit - 1)) do
  local connections = 0
  for _, v in ipairs(redis.call('HVALS', p .. ':u:' .. uid)) do
    connections = connections + tonumber(v)
  end
  table.insert(out, uid)
  table.insert(out, redis.call('HGET', p .. ':names', uid) or uid)
  table.insert(out, redis.call('HGET', p .. ':since', uid) or '0')
  table.insert(out, tostring(connections))
end
return out
