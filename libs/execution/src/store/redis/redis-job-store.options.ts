/** How {@link RedisJobStore.connect} uses its server. */
export interface RedisJobStoreOptions {
  /** Prepended to every key the store writes, so that several deployments can share a server. */
  readonly keyPrefix?: string;
  /** How long to wait for the first connection (ms). */
  readonly connectTimeoutMs?: number;
  /** How many jobs one prune script deletes before yielding the server to other clients. */
  readonly pruneBatchSize?: number;
  /**
   * How long a command may go unanswered before it fails as `STORE_UNAVAILABLE` (ms): a hung or
   * unreachable server answers callers within this bound rather than hang them.
   */
  readonly commandTimeoutMs?: number;
}

/** {@link RedisJobStoreOptions} with every default applied. */
export type RedisJobStoreSettings = Required<RedisJobStoreOptions>;

/** The defaults of {@link RedisJobStoreOptions}. */
export const REDIS_JOB_STORE_DEFAULTS: Readonly<RedisJobStoreSettings> = Object.freeze({
  keyPrefix: 'forgesyte:',
  connectTimeoutMs: 10_000,
  pruneBatchSize: 500,
  commandTimeoutMs: 2_000,
});

/** Applies the defaults and checks each option, naming the one that is wrong. */
export function resolveRedisJobStoreOptions(options: RedisJobStoreOptions): RedisJobStoreSettings {
  const settings: RedisJobStoreSettings = {
    keyPrefix: options.keyPrefix ?? REDIS_JOB_STORE_DEFAULTS.keyPrefix,
    connectTimeoutMs: options.connectTimeoutMs ?? REDIS_JOB_STORE_DEFAULTS.connectTimeoutMs,
    pruneBatchSize: options.pruneBatchSize ?? REDIS_JOB_STORE_DEFAULTS.pruneBatchSize,
    commandTimeoutMs: options.commandTimeoutMs ?? REDIS_JOB_STORE_DEFAULTS.commandTimeoutMs,
  };
  if (typeof settings.keyPrefix !== 'string' || settings.keyPrefix.length === 0) {
    throw new RangeError(`RedisJobStore: keyPrefix must be a non-empty string such as 'forgesyte:', got '${String(settings.keyPrefix)}'.`);
  }
  for (const name of ['connectTimeoutMs', 'pruneBatchSize', 'commandTimeoutMs'] as const) {
    if (!(Number.isSafeInteger(settings[name]) && settings[name] > 0)) {
      throw new RangeError(`RedisJobStore: ${name} must be a positive integer, got ${String(settings[name])}.`);
    }
  }
  return settings;
}
