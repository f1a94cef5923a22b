/** Who is asking: the API key's id, and whether it may see every job. */
export interface Caller {
  readonly id: string;
  readonly isAdmin: boolean;
  /**
   * The key's own cap on its waiting async jobs (a stored key's `max_queued`), in place of the per-key
   * share of the queue (`FORGESYTE_KEY_MAX_QUEUE`); undefined: that share. The whole queue's capacity
   * still bounds it.
   */
  readonly maxQueued?: number;
}
