import type { JobStoreChoice } from '@forgesyte/execution';

/** How the key service behaves; every field has a default in {@link KEYS_DEFAULTS}. */
export interface KeyServiceOptions {
  /** How long a rotated key's old secret keeps working, in seconds (`FORGESYTE_KEY_ROTATION_GRACE_SECONDS`). */
  readonly rotationGraceSeconds?: number;
  /** How often the store's change counter is polled, in ms: the bound on how late another process's change is seen (Redis also pushes changes at once). */
  readonly pollIntervalMs?: number;
  /** How often the keys' `lastUsedAt` is written to the store, in ms (never per request). */
  readonly flushIntervalMs?: number;
  /** The least time between two audit entries of refused uses of one key in one process, in ms (a flood of them writes one). */
  readonly refusedAuditIntervalMs?: number;
}

/** What `KeysModule.forRoot` takes: where the keys live (the job store's choice) and how the service behaves. */
export interface KeysModuleOptions extends KeyServiceOptions {
  /** The job store's choice: keys live in the same database (memory: this process only). */
  readonly store?: JobStoreChoice;
}

/** Defaults of {@link KeyServiceOptions}. */
export const KEYS_DEFAULTS = Object.freeze({
  rotationGraceSeconds: 86_400,
  pollIntervalMs: 250,
  flushIntervalMs: 5_000,
  refusedAuditIntervalMs: 60_000,
});
