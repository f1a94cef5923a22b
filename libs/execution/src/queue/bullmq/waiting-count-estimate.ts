/** How old the server's count may get before it is asked again, in ms. */
const REFRESH_MS = 250;

/**
 * The number of jobs waiting in a shared queue, known without a round trip per question: the
 * server's last answer plus what this process added since, refreshed in the background. It errs high
 * (jobs taken since are still counted; an add that crosses a refresh may count twice), so a caller can
 * trust a count below its limit and ask for the {@link exact} one above it. Other processes' adds are
 * seen at the next refresh.
 */
export class WaitingCountEstimate {
  private count = 0;
  private addedDuringRefresh = 0;
  private refreshedAt = 0;
  private refreshing = false;

  constructor(private readonly fetchCount: () => Promise<number>) {}

  current(): number {
    if (!this.refreshing && Date.now() - this.refreshedAt >= REFRESH_MS) this.refresh();
    return this.count;
  }

  /** Asks the server now (near the limit, where an estimate that errs high would refuse a job wrongly). */
  async exact(): Promise<number> {
    this.count = await this.fetchCount();
    this.refreshedAt = Date.now();
    return this.count;
  }

  added(jobs: number): void {
    this.count += jobs;
    if (this.refreshing) this.addedDuringRefresh += jobs;
  }

  private refresh(): void {
    this.refreshing = true;
    this.addedDuringRefresh = 0;
    this.fetchCount()
      .then((count) => (this.count = count + this.addedDuringRefresh))
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = false;
        this.refreshedAt = Date.now();
      });
  }
}
