import type { ToolContext, ToolLogger } from '../tool-context';
import type { HarnessLogLine, HarnessProgress } from './harness-outcome';

/** A {@link ToolContext} like the server's, which records what the tool reports instead of sending it on. */
export class HarnessContext implements ToolContext {
  readonly progressReports: HarnessProgress[] = [];
  readonly logLines: HarnessLogLine[] = [];
  /** False once the call is stopped or over: later progress is dropped, as the server drops it. */
  active = true;

  constructor(
    readonly signal: AbortSignal,
    readonly jobId: string,
    readonly deadline: number,
    private readonly onProgress: ((report: HarnessProgress) => void) | undefined,
  ) {}

  readonly progress = (fraction: number, message?: string): void => {
    if (!this.active || !Number.isFinite(fraction)) return;
    const report = { fraction: Math.min(1, Math.max(0, fraction)), message: typeof message === 'string' ? message : null };
    this.progressReports.push(report);
    this.onProgress?.(report);
  };

  readonly log: ToolLogger = {
    info: (message, data) => this.record('info', message, data),
    warn: (message, data) => this.record('warn', message, data),
    error: (message, data) => this.record('error', message, data),
  };

  private record(level: HarnessLogLine['level'], message: string, data: object | undefined): void {
    this.logLines.push(data === undefined ? { level, msg: String(message) } : { level, msg: String(message), data });
  }
}
