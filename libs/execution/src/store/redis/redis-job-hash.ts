import { DEFAULT_JOB_PRIORITY } from '../../jobs/job-priority';
import type { JobRecord } from '../job-record';

/** A job record as the Redis hash keeps it, with its listing sequence number. */
export interface StoredJobRecord extends JobRecord {
  readonly seq: number;
}

/** `[field, value, …]` for HSET: every field that is not null, numbers as decimal strings. */
export function toHashFields(record: Partial<JobRecord>): string[] {
  return Object.entries(record).flatMap(([field, value]) => (value === null || value === undefined ? [] : [field, String(value)]));
}

/** The names of the fields a record (update) empties, for HDEL. */
export function emptiedFields(record: Partial<JobRecord>): string[] {
  return Object.entries(record).flatMap(([field, value]) => (value === null ? [field] : []));
}

/** Reads a job hash as HGETALL returns it from a script: `[field, value, field, value, …]`. */
export function fromHashFields(flat: readonly string[]): StoredJobRecord {
  const hash = new Map<string, string>();
  for (let i = 0; i + 1 < flat.length; i += 2) hash.set(flat[i], flat[i + 1]);
  const text = (name: string): string | null => hash.get(name) ?? null;
  const number = (name: string): number | null => (hash.has(name) ? Number(hash.get(name)) : null);
  const required = <T>(name: string, value: T | null): T => {
    if (value === null) throw new Error(`the Redis hash of job ${text('id') ?? '?'} lacks its '${name}' field: something other than ForgeSyte wrote that key.`);
    return value;
  };
  return {
    seq: required('seq', number('seq')),
    id: required('id', text('id')),
    plugin: required('plugin', text('plugin')),
    tool: text('tool'),
    mode: required('mode', text('mode')),
    status: required('status', text('status')),
    owner: required('owner', text('owner')),
    // Jobs stored before priorities existed have none: they had the default's place.
    priority: number('priority') ?? DEFAULT_JOB_PRIORITY,
    created_at: required('created_at', number('created_at')),
    started_at: number('started_at'),
    completed_at: number('completed_at'),
    duration_ms: number('duration_ms'),
    progress: text('progress'),
    args: text('args'),
    result: text('result'),
    error: text('error'),
    idempotency_key: text('idempotency_key'),
    request_hash: text('request_hash'),
    // Jobs stored before retries existed made one attempt of one.
    attempt: number('attempt') ?? 1,
    attempts: number('attempts') ?? 1,
    attempt_errors: text('attempt_errors'),
    next_attempt_at: number('next_attempt_at'),
    plugin_version: text('plugin_version'),
  };
}

/** A script reply that is one job hash, or nothing (nil or an empty hash). */
export function hashReply(reply: unknown): string[] | undefined {
  if (!Array.isArray(reply) || reply.length === 0) return undefined;
  if (!reply.every((item): item is string => typeof item === 'string')) throw new Error(`unexpected reply from a Redis job script: ${JSON.stringify(reply)}`);
  return reply;
}

/** A script reply that is a list of job hashes; missing (empty) hashes are left out. */
export function hashListReply(reply: unknown): string[][] {
  if (!Array.isArray(reply)) throw new Error(`unexpected reply from a Redis job script: ${JSON.stringify(reply)}`);
  return reply.map((item: unknown) => hashReply(item)).filter((hash): hash is string[] => hash !== undefined);
}
