/** Thresholds of a {@link CrashBreaker}. */
export interface CrashBreakerLimits {
  readonly crashes: number;
  readonly windowMs: number;
}

/**
 * Counts each plugin's worker crashes in a row. `crashes` of them within `windowMs`, with no other
 * outcome between, trip the breaker; any call that ends otherwise starts the count again.
 */
export class CrashBreaker {
  /** Times of each plugin's current run of crashes, oldest first. */
  private readonly runs = new Map<string, number[]>();

  constructor(private readonly limits: CrashBreakerLimits) {}

  /** Records a crash of `plugin`; true when it trips the breaker (the count then starts again). */
  recordCrash(plugin: string, now: number = Date.now()): boolean {
    const recent = (this.runs.get(plugin) ?? []).filter((at) => now - at < this.limits.windowMs);
    recent.push(now);
    if (recent.length < this.limits.crashes) {
      this.runs.set(plugin, recent);
      return false;
    }
    this.runs.delete(plugin);
    return true;
  }

  /** Records a call of `plugin` that did not crash its worker. */
  recordSurvival(plugin: string): void {
    this.runs.delete(plugin);
  }
}
