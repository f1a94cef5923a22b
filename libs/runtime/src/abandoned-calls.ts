import { Logger } from '@nestjs/common';
import type { StopMode } from '@forgesyte/errors';
import type { RegisteredPlugin } from '@forgesyte/registry';
import { stopModeOf } from './call-deadline';

/**
 * Counts, per plugin, the inline calls abandoned at their deadline or cancel whose code is still
 * running (inline code cannot be killed), until each finally settles. At `limit` unsettled calls the
 * plugin turns UNAVAILABLE, with a reason that says how to fix it, and returns by itself once some
 * settle: a tool that ignores its signal cannot pile up live work without bound.
 */
export class AbandonedCalls {
  private readonly logger = new Logger('ToolRunner');

  constructor(private readonly limit: number) {}

  /**
   * How a stopped inline call ended (`cooperative` when it settled within one turn, else `abandoned`);
   * an abandoned one is counted on `entry` until `pending` settles.
   */
  async stopMode(entry: RegisteredPlugin, tool: string, pending: Promise<unknown>): Promise<StopMode> {
    const mode = await stopModeOf(pending);
    if (mode === 'abandoned') this.track(entry, tool, pending);
    return mode;
  }

  private track(entry: RegisteredPlugin, tool: string, pending: Promise<unknown>): void {
    const wasAvailable = isAvailable(entry);
    entry.beginAbandoned(this.limit, this.reason(tool));
    const settled = (): void => entry.settleAbandoned();
    pending.then(settled, settled);
    if (wasAvailable && !isAvailable(entry)) {
      this.logger.warn(`plugin ${entry.name} is UNAVAILABLE: ${this.limit} of its abandoned inline calls are still running (last: tool ${tool})`);
    }
  }

  private reason(tool: string): string {
    return (
      `${this.limit} of its inline calls (last: tool ${tool}) ignored their abort signal and still run after their deadline or cancel; ` +
      'it is unavailable until some of them finish. Fix the tool: stop when context.signal aborts, or declare it ' +
      "isolation: 'worker' so that a stuck call's thread is terminated (the operator can raise FORGESYTE_MAX_ABANDONED)."
    );
  }
}

function isAvailable(entry: RegisteredPlugin): boolean {
  return entry.state !== 'UNAVAILABLE';
}
