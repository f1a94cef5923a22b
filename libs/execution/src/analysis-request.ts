/** An execution request as the API hands it over: which plugin and tool, with what arguments. */
export interface AnalysisRequest {
  readonly plugin: string;
  readonly tool?: string;
  readonly args: Readonly<Record<string, unknown>>;
  /** An async job's priority, 1 (first) to 10 (last) among its key's waiting jobs; default 5. A sync call runs at once and only records it. */
  readonly priority?: number;
  /** An async job's most attempts, lowered to what its tool's `retry` allows; a sync call makes one attempt whatever it says. */
  readonly maxAttempts?: number;
}
