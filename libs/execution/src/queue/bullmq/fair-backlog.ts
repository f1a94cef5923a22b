import type { Redis } from 'ioredis';
import type { TraceParent } from '@forgesyte/runtime';
import { LuaScript } from '../../store/redis/lua-script';
import type { QueuedJob } from '../job-queue';

/**
 * Lua shared by the backlog's scripts. ARGV[1] is the key prefix P, ARGV[2] BullMQ's wait list.
 *
 * - `P ring`: list of the keys (owners) with jobs in the backlog, in turn order; a key is in it once
 *   exactly when its lane is not empty;
 * - `P q:<owner>`: the key's lane, a sorted set of job ids scored `<priority><12-digit sequence>`:
 *   most urgent first, then first in first out;
 * - `P seq`, `P size`: the sequence counter, and the jobs in all lanes;
 * - `P tp`: hash of the submission spans (traceparent) of traced jobs still in a lane;
 * - `P handed`: sorted set of the jobs claimed and not yet known to be on BullMQ's wait list, scored by
 *   the claim's time (ms). The process that claimed a job adds it to BullMQ, then reports the add with
 *   its next script run (`landed` ids), which drops it from this set: until then the job counts here,
 *   and for a moment on the wait list too (the backlog errs towards claiming less). Without this set,
 *   twenty submissions claiming at once each saw a short wait list and each claimed the whole target. A
 *   claim older than `HANDED_TTL_MS` is dropped from it (a process that died between its claim and its
 *   report must not shrink the target for ever).
 *
 * `claim(target)` moves jobs to BullMQ's side while fewer than `target` are there (on the wait list or
 * handed): one job from the key at the head of the ring, which goes to the ring's tail if it has more.
 * Jobs that workers took from the wait list count no more: a worker's start needs no report.
 */
/** How long a claim counts as on its way to BullMQ's wait list unless the process that claimed it reports it added, in ms. */
const HANDED_TTL_MS = 10_000;

const BACKLOG_LUA = `
local P, wait = ARGV[1], ARGV[2]
local ring, size, tp, handed = P .. 'ring', P .. 'size', P .. 'tp', P .. 'handed'
local function lane(owner) return P .. 'q:' .. owner end
local function now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function room(target, at)
  redis.call('ZREMRANGEBYSCORE', handed, '-inf', at - ${HANDED_TTL_MS})
  return target - redis.call('LLEN', wait) - redis.call('ZCARD', handed)
end
local function landed(from, to)
  for i = from, to do redis.call('ZREM', handed, ARGV[i]) end
end
local function claim(target, out)
  local at = now()
  local free = room(target, at)
  local taken = 0
  while taken < free do
    local owner = redis.call('LPOP', ring)
    if not owner then break end
    local q = lane(owner)
    local popped = redis.call('ZPOPMIN', q)
    if popped[1] then
      taken = taken + 1
      redis.call('DECR', size)
      out[#out + 1] = popped[1]
      redis.call('ZADD', handed, at, popped[1])
      out[#out + 1] = redis.call('HGET', tp, popped[1]) or ''
      redis.call('HDEL', tp, popped[1])
    end
    if redis.call('ZCARD', q) > 0 then redis.call('RPUSH', ring, owner) end
  end
  return out
end
`;

const script = (name: string, body: string) => new LuaScript(`backlog ${name}`, `${BACKLOG_LUA}\n${body}`);

const SCRIPTS = {
  /**
   * ARGV: P, wait, target, n, then n landed ids (claims of this process now added to BullMQ), then id,
   * owner, priority, traceparent ('' for none) per job → lane size of the last job's key, then claimed id,
   * traceparent, … A job added alone skips its lane when no lane has jobs and BullMQ's side has room (the
   * usual case of a server that keeps up): nobody's turn comes first. Several at once (jobs queued again
   * at start) go through the lanes, which order them by priority.
   */
  add: script(
    'add',
    `
local target, first, out = tonumber(ARGV[3]), 5 + tonumber(ARGV[4]), { 0 }
landed(5, first - 1)
local alone = #ARGV == first + 3
local at = alone and now()
for i = first, #ARGV, 4 do
  local id, owner = ARGV[i], ARGV[i + 1]
  local q = lane(owner)
  if alone and redis.call('LLEN', ring) == 0 and room(target, at) > 0 then
    redis.call('ZADD', handed, at, id)
    out[#out + 1] = id
    out[#out + 1] = ARGV[i + 3]
  elseif not redis.call('ZSCORE', q, id) then
    local seq = redis.call('INCR', P .. 'seq')
    redis.call('ZADD', q, string.format('%d%012d', tonumber(ARGV[i + 2]), seq), id)
    redis.call('INCR', size)
    redis.call('ZREM', handed, id)
    if ARGV[i + 3] ~= '' then redis.call('HSET', tp, id, ARGV[i + 3]) end
    if redis.call('ZCARD', q) == 1 then redis.call('RPUSH', ring, owner) end
  end
  out[1] = redis.call('ZCARD', q)
end
if redis.call('LLEN', ring) == 0 then return out end
return claim(target, out)`,
  ),
  /** ARGV: P, wait, target, then landed ids (as for `add`) → jobs left in all lanes, then claimed id, traceparent, … */
  feed: script(
    'feed',
    `
landed(4, #ARGV)
local out = claim(tonumber(ARGV[3]), { 0 })
out[1] = tonumber(redis.call('GET', size) or '0')
return out`,
  ),
  /** ARGV: P, wait, id, owner → 1 when the job was in the backlog. */
  remove: script(
    'remove',
    `
local q = lane(ARGV[4])
if redis.call('ZREM', q, ARGV[3]) == 0 then
  redis.call('ZREM', handed, ARGV[3])
  return 0
end
redis.call('DECR', size)
redis.call('HDEL', tp, ARGV[3])
if redis.call('ZCARD', q) == 0 then redis.call('LREM', ring, 1, ARGV[4]) end
return 1`,
  ),
  /** ARGV: P, wait, owner? → { jobs waiting (backlog and wait list), jobs in the owner's lane }. */
  count: script(
    'count',
    `
local waiting = tonumber(redis.call('GET', size) or '0') + redis.call('LLEN', wait)
if ARGV[3] == '' then return { waiting, 0 } end
return { waiting, redis.call('ZCARD', lane(ARGV[3])) }`,
  ),
};

/** A job the backlog handed to BullMQ's side, with its submission's span. */
export interface ClaimedJob {
  readonly id: string;
  readonly traceparent?: TraceParent;
}

/**
 * The fair backlog in front of BullMQ on Redis (BullMQ's open-source version has no groups). Jobs wait
 * in one lane per key (owner), ordered by priority then arrival; BullMQ's wait list is kept short
 * (`target` jobs) by claiming jobs from the lanes in round-robin turns, one per key per turn, each
 * claim a Lua script (atomic, O(log n) per job). Workers then take BullMQ's jobs as before (locks,
 * stalled-job check, exactly-once start), so a key's job waits behind at most `target` jobs plus one
 * turn of the other keys, however many jobs they queued.
 */
export class FairBacklog {
  private readonly prefix: string;
  /**
   * How full a submission keeps BullMQ's side: half the target. Beyond it the workers, which feed after
   * each job they take while the lanes have jobs, hand jobs over: the BullMQ add is then a worker's work,
   * not the API's (a submission claiming up to the whole target made each job's add the API's work on a
   * busy server, and the API's submissions about 7% slower in `npm run bench:compare-stores`).
   */
  private readonly submissionTarget: number;

  /** `waitKey` is BullMQ's wait list; the backlog's keys start with `<keyPrefix>fair:`. */
  constructor(
    private readonly redis: Redis,
    keyPrefix: string,
    private readonly waitKey: string,
    private readonly target: number,
  ) {
    this.prefix = `${keyPrefix}fair:`;
    this.submissionTarget = Math.max(1, Math.floor(target / 2));
  }

  /**
   * Reports `landed` (jobs this process claimed and has since added to BullMQ), adds jobs to their keys'
   * lanes (a job already there stays where it is) and claims what BullMQ's side lacks of half its
   * target. It runs after any command already sent on the connection (the job's insert, which is sent by
   * source for that reason; this script's own NOSCRIPT fallback can only run later still). Resolves with
   * the last job's lane size and the claimed jobs.
   */
  async add(jobs: readonly QueuedJob[], traceparent?: TraceParent, landed: readonly string[] = []): Promise<{ laneSize: number; claimed: ClaimedJob[] }> {
    const args = jobs.flatMap((job) => [job.id, job.owner, job.priority, traceparent ?? '']);
    const reply = (await this.runScript('add', this.submissionTarget, landed.length, ...landed, ...args)) as [number, ...string[]];
    return { laneSize: reply[0], claimed: claimedOf(reply.slice(1) as string[]) };
  }

  /**
   * Reports `landed` (as {@link add} does), then claims jobs for BullMQ's side while fewer than the
   * target are there. Resolves with the claimed jobs and the jobs still in the lanes.
   */
  async feed(landed: readonly string[] = []): Promise<{ claimed: ClaimedJob[]; inLanes: number }> {
    const reply = (await this.runScript('feed', this.target, ...landed)) as [number, ...string[]];
    return { inLanes: reply[0], claimed: claimedOf(reply.slice(1) as string[]) };
  }

  /** Reports `landed` (as {@link add} does) and claims nothing: what a closing process does last. */
  async report(landed: readonly string[]): Promise<void> {
    await this.runScript('feed', 0, ...landed);
  }

  /** Drops a cancelled job from its lane; false when it was not there (claimed already, or never added). */
  async remove(job: QueuedJob): Promise<boolean> {
    return (await this.runScript('remove', job.id, job.owner)) === 1;
  }

  /** Jobs waiting in all (lanes and BullMQ's wait list), and in `owner`'s lane. */
  async count(owner?: string): Promise<{ waiting: number; laneSize: number }> {
    const [waiting, laneSize] = (await this.runScript('count', owner ?? '')) as [number, number];
    return { waiting, laneSize };
  }

  /** Runs one of the scripts by its SHA1, after the prefix and the wait list's key. */
  private runScript(name: keyof typeof SCRIPTS, ...args: (string | number)[]): Promise<unknown> {
    return SCRIPTS[name].run(this.redis, [this.prefix, this.waitKey, ...args]);
  }
}

function claimedOf(flat: readonly string[]): ClaimedJob[] {
  const claimed: ClaimedJob[] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) claimed.push(flat[i + 1] === '' ? { id: flat[i] } : { id: flat[i], traceparent: flat[i + 1] });
  return claimed;
}
