import { LuaScript } from './lua-script';

/**
 * The Redis key layout, as Lua shared by every script (ARGV[1] is always the key prefix P):
 *
 * - `P job:<id>`: hash of the job's record fields (null fields absent) plus `seq` and, once finished,
 *   `finished_at`;
 * - `P seq`: counter; INCR gives each job its listing sequence number (the cursor);
 * - `P list:o:<owner|*>:p:<plugin|*>:s:<listing|*>`: sorted sets of job ids scored by `seq`, one per
 *   combination of filters (8 per job), so that a filtered page is one ZREVRANGEBYSCORE. The listing
 *   is the status, except that `pending` and `running` jobs share the listing `active`: starting a
 *   job, the busiest move, then changes no listing. A page of pending or running jobs reads the
 *   active listing and skips the jobs in the other status; there are few (the queue is bounded);
 * - `P idem:<owner>:<idempotency key>`: the job id an owner's key names;
 * - `P finished`: sorted set of finished job ids scored by `finished_at` (what `prune` walks).
 *
 * - channel `P changed:<id>`: the transition and progress scripts publish the job's new status (or
 *   `progress`) there in the same atomic step as the write, for the processes that follow it live.
 *
 * Owner and plugin are escaped (`%`, `:` and `*` as `%XX`) so that no value can stand for another or
 * for "any". The scripts touch keys they build themselves, so they need one Redis node (standalone
 * or Sentinel), not a Cluster.
 */
const KEYS_LUA = `
local P = ARGV[1]
local function esc(s)
  return (string.gsub(s, '[%%:*]', function(c) return string.format('%%%02X', string.byte(c)) end))
end
local function opt(arg)
  if arg == '' then return nil end
  return string.sub(arg, 2)
end
local function listed(csv, value)
  return string.find(',' .. csv .. ',', ',' .. value .. ',', 1, true) ~= nil
end
local function jobKey(id) return P .. 'job:' .. id end
local function changed(id, what) redis.call('PUBLISH', P .. 'changed:' .. id, what) end
local function listingOf(status)
  if status == 'pending' or status == 'running' then return 'active' end
  return status
end
local function idemKey(owner, key) return P .. 'idem:' .. esc(owner) .. ':' .. key end
local function listKey(owner, plugin, status)
  return P .. 'list:o:' .. (owner and esc(owner) or '*') .. ':p:' .. (plugin and esc(plugin) or '*') .. ':s:' .. (status or '*')
end
-- The key prefixes (all but the status) of the listings a job is in: its owner or any, by its plugin
-- or any. Appending its status or '*' (any status) gives the 8 keys.
local function listPrefixes(owner, plugin)
  local o, p = esc(owner), esc(plugin)
  local base = P .. 'list:o:'
  return { base .. o .. ':p:' .. p .. ':s:', base .. o .. ':p:*:s:', base .. '*:p:' .. p .. ':s:', base .. '*:p:*:s:' }
end
`;

const script = (name: string, body: string) => new LuaScript(name, `${KEYS_LUA}\n${body}`);

/** The channel on which the store announces the changes of a job (see the key layout above). */
export function jobChangedChannel(keyPrefix: string, jobId: string): string {
  return `${keyPrefix}changed:${jobId}`;
}

/** The atomic operations of the Redis job store. Optional arguments are '' (absent) or '=' + value. */
export const REDIS_JOB_SCRIPTS = {
  /** ARGV: P, id, owner, plugin, status, idempotency key?, finished_at?, field, value, … → nil when stored, else the earlier job's hash. */
  insert: script(
    'insert',
    `
local id, owner, plugin, status = ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local idem, finishedAt = opt(ARGV[6]), opt(ARGV[7])
local key = jobKey(id)
if redis.call('EXISTS', key) == 1 then return redis.error_reply('ERR job ' .. id .. ' already exists: every job needs a new id') end
if idem then
  local claim = idemKey(owner, idem)
  if not redis.call('SET', claim, id, 'NX') then
    local earlier = redis.call('HGETALL', jobKey(redis.call('GET', claim)))
    if #earlier > 0 then return earlier end
    redis.call('SET', claim, id)
  end
end
local seq = redis.call('INCR', P .. 'seq')
redis.call('HSET', key, 'seq', seq, unpack(ARGV, 8))
for _, list in ipairs(listPrefixes(owner, plugin)) do
  redis.call('ZADD', list .. listingOf(status), seq, id)
  redis.call('ZADD', list .. '*', seq, id)
end
if finishedAt then
  redis.call('HSET', key, 'finished_at', finishedAt)
  redis.call('ZADD', P .. 'finished', finishedAt, id)
end
return false`,
  ),

  /**
   * ARGV: P, id, to, from (comma list), from statuses allowed to go to \`to\` (comma list), finished_at?,
   * count of fields to set, field, value, …, fields to delete… → 0 when the job is absent or not in
   * \`from\`; its status when the move is not allowed; else the moved job's hash.
   */
  transition: script(
    'transition',
    `
local id, to = ARGV[2], ARGV[3]
local key = jobKey(id)
local job = redis.call('HMGET', key, 'status', 'owner', 'plugin', 'seq')
local status = job[1]
if not status or not listed(ARGV[4], status) then return 0 end
if not listed(ARGV[5], status) then return status end
local lastSet = 7 + 2 * tonumber(ARGV[7])
redis.call('HSET', key, 'status', to, unpack(ARGV, 8, lastSet))
if #ARGV > lastSet then redis.call('HDEL', key, unpack(ARGV, lastSet + 1)) end
if listingOf(status) ~= listingOf(to) then
  for _, list in ipairs(listPrefixes(job[2], job[3])) do
    redis.call('ZREM', list .. listingOf(status), id)
    redis.call('ZADD', list .. listingOf(to), job[4], id)
  end
end
local finishedAt = opt(ARGV[6])
if finishedAt then
  redis.call('HSET', key, 'finished_at', finishedAt)
  redis.call('ZADD', P .. 'finished', finishedAt, id)
end
changed(id, to)
return redis.call('HGETALL', key)`,
  ),

  /** ARGV: P, id, progress JSON. Only while the job is running. */
  setProgress: script(
    'setProgress',
    `
local key = jobKey(ARGV[2])
if redis.call('HGET', key, 'status') == 'running' then
  redis.call('HSET', key, 'progress', ARGV[3])
  changed(ARGV[2], 'progress')
end
return 0`,
  ),

  /** ARGV: P, owner, idempotency key → the job's hash or nil. */
  findByIdempotencyKey: script(
    'findByIdempotencyKey',
    `
local id = redis.call('GET', idemKey(ARGV[2], ARGV[3]))
if not id then return false end
return redis.call('HGETALL', jobKey(id))`,
  ),

  /**
   * ARGV: P, owner?, plugin?, status?, max score ('+inf' or '(<seq>'), count, priority? → hashes, newest
   * first. A priority filter (no listing of its own) skips the other jobs of the listing it reads.
   */
  list: script(
    'list',
    `
local status, max, count, priority = opt(ARGV[4]), ARGV[5], tonumber(ARGV[6]), opt(ARGV[7])
local key = listKey(opt(ARGV[2]), opt(ARGV[3]), status and listingOf(status))
local jobs = {}
if status == listingOf(status) and not priority then
  for _, id in ipairs(redis.call('ZREVRANGEBYSCORE', key, max, '-inf', 'LIMIT', 0, count)) do
    jobs[#jobs + 1] = redis.call('HGETALL', jobKey(id))
  end
  return jobs
end
local batch, offset = 100, 0
repeat
  local ids = redis.call('ZREVRANGEBYSCORE', key, max, '-inf', 'LIMIT', offset, batch)
  for _, id in ipairs(ids) do
    local fields = redis.call('HMGET', jobKey(id), 'status', 'priority')
    -- a job stored before priorities existed has the default, 5
    if #jobs < count and (not status or fields[1] == status) and (not priority or (fields[2] or '5') == priority) then jobs[#jobs + 1] = redis.call('HGETALL', jobKey(id)) end
  end
  offset = offset + batch
until #ids < batch or #jobs == count
return jobs`,
  ),

  /** ARGV: P, status, … → hashes of the jobs in those statuses, oldest first. */
  findByStatus: script(
    'findByStatus',
    `
local wanted, listings, found = {}, {}, {}
for i = 2, #ARGV do
  wanted[ARGV[i]] = true
  listings[listingOf(ARGV[i])] = true
end
for listing in pairs(listings) do
  local members = redis.call('ZRANGE', listKey(nil, nil, listing), 0, -1, 'WITHSCORES')
  for j = 1, #members, 2 do found[#found + 1] = { tonumber(members[j + 1]), members[j] } end
end
table.sort(found, function(a, b) return a[1] < b[1] end)
local jobs = {}
for _, job in ipairs(found) do
  local hash = redis.call('HGETALL', jobKey(job[2]))
  for j = 1, #hash, 2 do
    if hash[j] == 'status' and wanted[hash[j + 1]] then jobs[#jobs + 1] = hash end
  end
end
return jobs`,
  ),

  /**
   * ARGV: P, cutoff (delete what finished before; '' for none), maxJobs ('' for none), batch size →
   * how many jobs it deleted (at most the batch size; call again while it returns the batch size).
   */
  prune: script(
    'prune',
    `
local finished = P .. 'finished'
local excess = 0
if ARGV[2] ~= '' then excess = redis.call('ZCOUNT', finished, '-inf', '(' .. ARGV[2]) end
if ARGV[3] ~= '' then excess = math.max(excess, redis.call('ZCARD', finished) - tonumber(ARGV[3])) end
excess = math.min(excess, tonumber(ARGV[4]))
if excess <= 0 then return 0 end
local ids = redis.call('ZRANGE', finished, 0, excess - 1)
for _, id in ipairs(ids) do
  local key = jobKey(id)
  local job = redis.call('HMGET', key, 'owner', 'plugin', 'status', 'idempotency_key')
  redis.call('ZREM', finished, id)
  if job[1] then
    for _, list in ipairs(listPrefixes(job[1], job[2])) do
      redis.call('ZREM', list .. listingOf(job[3]), id)
      redis.call('ZREM', list .. '*', id)
    end
    if job[4] then
      local claim = idemKey(job[1], job[4])
      if redis.call('GET', claim) == id then redis.call('DEL', claim) end
    end
    redis.call('DEL', key)
  end
end
return #ids`,
  ),
} as const;
