-- Every room of the cluster with its members on all nodes. ARGV: prefix.
-- Returns {room, "kind|created ms", members, room, ...}.
local p = ARGV[1]
local out = {}
local rooms = redis.call('HGETALL', p .. ':rooms')
for i = 1, #rooms, 2 do
  local members = 0
  for _, v in ipairs(redis.call('HVALS', p .. ':r:' .. rooms[i])) do
    members = members + tonumber(v)
  end
  table.insert(out, rooms[i])
  table.insert(out, rooms[i + 1])
  table.insert(out, tostring(members))
end
return out
