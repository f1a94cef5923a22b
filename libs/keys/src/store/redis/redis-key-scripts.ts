/**
 * Key layout (prefix `forgesyte:` by default, the job store's):
 * - `<p>apikey:<id>`: hash of one key (the columns of `api_keys`; digests in hex; a null field is absent);
 * - `<p>apikeys`: sorted set of every id, all scored 0, listed by id (ZRANGEBYLEX);
 * - `<p>apikeys:revision`: the change counter; `<p>apikeys:changes`: sorted set of ids by the revision of their last change;
 * - `<p>apikeys:audit`: sorted set of audit entries (`<seq>|<json>`) by seq; `<p>apikeys:audit:seq`: its counter;
 * - channel `<p>apikeys:changed`: the id of each changed key, published after the change.
 */

/** ARGV: prefix, id, expected revision ('' = must not exist), audit JSON, then field/value pairs ('' value = null). */
export const SAVE_KEY = `
local prefix, id, expected, audit = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local hash = prefix .. 'apikey:' .. id
local current = redis.call('HGET', hash, 'revision')
if expected == '' then
  if current then return false end
elseif current ~= expected then
  return false
end
local revision = redis.call('INCR', prefix .. 'apikeys:revision')
for i = 5, #ARGV, 2 do
  if ARGV[i + 1] == '' then redis.call('HDEL', hash, ARGV[i]) else redis.call('HSET', hash, ARGV[i], ARGV[i + 1]) end
end
redis.call('HSET', hash, 'revision', revision)
redis.call('ZADD', prefix .. 'apikeys', 0, id)
redis.call('ZADD', prefix .. 'apikeys:changes', revision, id)
local seq = redis.call('INCR', prefix .. 'apikeys:audit:seq')
redis.call('ZADD', prefix .. 'apikeys:audit', seq, seq .. '|' .. audit)
redis.call('PUBLISH', prefix .. 'apikeys:changed', id)
return revision
`;

/** ARGV: prefix, then id/epoch-ms pairs: moves each existing key's last_used_at forward. */
export const TOUCH_KEYS = `
local prefix = ARGV[1]
for i = 2, #ARGV, 2 do
  local hash = prefix .. 'apikey:' .. ARGV[i]
  if redis.call('EXISTS', hash) == 1 then
    local last = tonumber(redis.call('HGET', hash, 'last_used_at') or '0')
    if last < tonumber(ARGV[i + 1]) then redis.call('HSET', hash, 'last_used_at', ARGV[i + 1]) end
  end
end
return 0
`;

/** ARGV: prefix, audit JSON. */
export const APPEND_AUDIT = `
local seq = redis.call('INCR', ARGV[1] .. 'apikeys:audit:seq')
redis.call('ZADD', ARGV[1] .. 'apikeys:audit', seq, seq .. '|' .. ARGV[2])
return seq
`;
