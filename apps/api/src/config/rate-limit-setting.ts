import { ConfigError, type Env } from '@forgesyte/engine';

/**
 * A request rate: at most `quota` requests in each window of `windowSeconds`, per API key. `name` is
 * the policy's name in the `RateLimit-Policy` and `RateLimit` headers: `default` (FORGESYTE_RATE_LIMIT
 * for every key), `admin` or `user` (its entry for that kind of key), `key` (a stored key's own
 * `rate_per_minute`).
 */
export interface RatePolicy {
  readonly name: string;
  readonly quota: number;
  readonly windowSeconds: number;
}

/**
 * `FORGESYTE_RATE_LIMIT`: the rate of admin keys (those with the `admin` scope) and of every other
 * key (`user`); null: not limited. Both null when the variable is unset (the default).
 */
export interface RateLimitSetting {
  readonly admin: RatePolicy | null;
  readonly user: RatePolicy | null;
}

const VARIABLE = 'FORGESYTE_RATE_LIMIT';
/** `<requests>/<window>`: the window a unit (`s`, `m`, `h`), optionally a whole number of them (`10s`). */
const RATE = /^(\d{1,10})\/(\d{0,5})(s|m|h)$/;
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600 };
const MAX_QUOTA = 1_000_000_000;
const MAX_WINDOW_SECONDS = 86_400;
const FORMS = "a rate such as '50/s', '600/m' or '10000/h' for every key, optionally with entries for one kind of key ('600/m,admin:off', 'user:100/m,admin:6000/m'), or 'off'";
type Kind = 'default' | 'admin' | 'user';

/** Reads {@link RateLimitSetting} from `FORGESYTE_RATE_LIMIT`; throws a {@link ConfigError} naming it for a value it cannot read. */
export function rateLimitSetting(env: Env): RateLimitSetting {
  const raw = env[VARIABLE]?.trim();
  if (raw === undefined || raw === '' || raw === 'off') return { admin: null, user: null };
  const rates = new Map<Kind, RatePolicy | null>();
  for (const entry of raw.split(',').map((part) => part.trim())) {
    if (entry === '') throw new ConfigError(VARIABLE, `has an empty entry (two commas in a row, or one at an end): remove it. It must be ${FORMS}; got '${raw}'.`);
    const colon = entry.indexOf(':');
    const kind = colon === -1 ? 'default' : entry.slice(0, colon).trim();
    if (kind !== 'default' && kind !== 'admin' && kind !== 'user') {
      throw new ConfigError(VARIABLE, `names the kind of key '${kind.slice(0, 20)}'; the kinds are admin and user. It must be ${FORMS}; got '${raw}'.`);
    }
    if (rates.has(kind)) throw new ConfigError(VARIABLE, `gives ${kind === 'default' ? 'the rate of every key' : `the rate of ${kind} keys`} twice: keep one. Got '${raw}'.`);
    rates.set(kind, rateOf(entry.slice(colon + 1).trim(), kind, raw));
  }
  const fallback = rates.get('default') ?? null;
  return { admin: rates.has('admin') ? (rates.get('admin') ?? null) : fallback, user: rates.has('user') ? (rates.get('user') ?? null) : fallback };
}

function rateOf(text: string, name: Kind, raw: string): RatePolicy | null {
  if (text === 'off') return null;
  const match = RATE.exec(text);
  const quota = Number(match?.[1]);
  const windowSeconds = match === null ? NaN : Number(match[2] === '' ? 1 : match[2]) * UNIT_SECONDS[match[3]];
  if (match === null || quota < 1 || quota > MAX_QUOTA || !(windowSeconds >= 1 && windowSeconds <= MAX_WINDOW_SECONDS)) {
    throw new ConfigError(VARIABLE, `must be ${FORMS}: from 1 to ${MAX_QUOTA} requests in a window of 1 s to 24 h; got '${raw}'.`);
  }
  return { name, quota, windowSeconds };
}
