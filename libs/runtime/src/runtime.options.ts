/** Limits the runner applies when a tool declares none. */
export interface RuntimeModuleOptions {
  /** Deadline of a call whose tool has no `timeoutMs`, in ms. Default 30000. */
  readonly defaultTimeoutMs?: number;
}

/** Defaults of {@link RuntimeModuleOptions}. */
export const RUNTIME_DEFAULTS = Object.freeze({ defaultTimeoutMs: 30_000 });
