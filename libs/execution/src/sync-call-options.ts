import type { JobProgress } from './jobs/job';

/** How a caller who waits for its job wants it run: the mode its record shows, and who hears its progress. */
export interface SyncCallOptions {
  /** `sync` (the default: `POST /v1/analyze-execution`) or `mcp` (an MCP client's `tools/call`). */
  readonly mode?: 'sync' | 'mcp';
  /**
   * Hears each progress report of the tool while the job runs, besides the store (an MCP client's
   * progress notifications). Called synchronously: keep it cheap, and never throw.
   */
  readonly onProgress?: (progress: JobProgress) => void;
}
