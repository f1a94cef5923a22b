import { Inject, Injectable } from '@nestjs/common';
import { CancelledError, OverloadedError } from '@forgesyte/errors';
import type { CallerSignal } from '@forgesyte/runtime';
import type { AnalysisRequest } from './analysis-request';
import { EXECUTION_OPTIONS } from './execution.module-definition';
import { EXECUTION_DEFAULTS, type ExecutionModuleOptions } from './execution.options';
import { PluginExecutionService } from './plugin-execution.service';

/** What a sync call holds while it runs: its tool, and that tool's `maxConcurrency` (if any). */
interface Slot {
  readonly tool: string;
  readonly toolLimit: number | undefined;
}

/** A sync call waiting for a {@link Slot}. */
interface Waiter extends Slot {
  readonly grant: () => void;
}

/**
 * Admission of sync calls. At most `maxSync` run at once, and at most a tool's `maxConcurrency` of that
 * tool, so that a flood of one heavy tool can neither exhaust memory nor take every slot from the other
 * tools. A call that finds no slot waits, in arrival order, with at most `maxSyncQueue` others and for
 * at most `syncWaitMs`; then it is refused `OVERLOADED` (429 with `Retry-After`) before any job is
 * recorded. The wait comes before the call starts: it is not part of the tool's deadline.
 */
@Injectable()
export class SyncAdmission {
  private readonly maxSync: number;
  private readonly maxSyncQueue: number;
  private readonly syncWaitMs: number;
  private running = 0;
  /** Running calls of each tool that declares `maxConcurrency`. */
  private readonly runningByTool = new Map<string, number>();
  private readonly waiting: Waiter[] = [];

  constructor(
    private readonly execution: PluginExecutionService,
    @Inject(EXECUTION_OPTIONS) options: ExecutionModuleOptions,
  ) {
    this.maxSync = options.maxSync ?? EXECUTION_DEFAULTS.maxSync;
    this.maxSyncQueue = options.maxSyncQueue ?? EXECUTION_DEFAULTS.maxSyncQueue;
    this.syncWaitMs = options.syncWaitMs ?? EXECUTION_DEFAULTS.syncWaitMs;
  }

  /**
   * Resolves with a `release` function (call it once the call is over) when `request` may run;
   * rejects with `OVERLOADED` when too many calls wait, or no slot freed up within `syncWaitMs`. When
   * `signal` aborts while the call waits (its caller went away), the call leaves the queue and this
   * rejects with `CANCELLED` (`not_started`).
   */
  admit(request: Pick<AnalysisRequest, 'plugin' | 'tool'>, signal?: CallerSignal): Promise<() => void> {
    const toolLimit = this.execution.concurrencyLimitOf(request.plugin, request.tool);
    // Only a tool with a limit is counted apart: most tools cost one lookup here.
    const tool = toolLimit === undefined ? '' : `${request.plugin}:${this.execution.toolNameFor(request.plugin, request.tool) ?? ''}`;
    const slot: Slot = { tool, toolLimit };
    if (signal?.aborted) return Promise.reject(notStarted(request));
    if (this.hasRoomFor(slot)) return Promise.resolve(this.take(slot));
    if (this.waiting.length >= this.maxSyncQueue) return Promise.reject(this.overloaded());
    return new Promise((resolve, reject) => {
      const leave = (error: Error): void => {
        clearTimeout(giveUp);
        signal?.removeEventListener('abort', callerGone);
        this.waiting.splice(this.waiting.indexOf(waiter), 1);
        reject(error);
      };
      const callerGone = (): void => leave(notStarted(request));
      const giveUp = setTimeout(() => leave(this.overloaded()), this.syncWaitMs);
      const waiter: Waiter = {
        ...slot,
        grant: () => {
          clearTimeout(giveUp);
          signal?.removeEventListener('abort', callerGone);
          resolve(this.take(slot));
        },
      };
      this.waiting.push(waiter);
      signal?.addEventListener('abort', callerGone, { once: true });
    });
  }

  private hasRoomFor(slot: Slot): boolean {
    if (this.running >= this.maxSync) return false;
    return slot.toolLimit === undefined || (this.runningByTool.get(slot.tool) ?? 0) < slot.toolLimit;
  }

  /** Occupies `slot` and returns its release, which frees it once and hands it to the waiters. */
  private take(slot: Slot): () => void {
    this.running += 1;
    if (slot.toolLimit !== undefined) this.runningByTool.set(slot.tool, (this.runningByTool.get(slot.tool) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      if (slot.toolLimit !== undefined) this.runningByTool.set(slot.tool, (this.runningByTool.get(slot.tool) ?? 1) - 1);
      this.admitWaiting();
    };
  }

  /** Starts waiting calls in arrival order, skipping those whose tool is still at its limit. */
  private admitWaiting(): void {
    for (let index = 0; index < this.waiting.length && this.running < this.maxSync; ) {
      const waiter = this.waiting[index];
      if (!this.hasRoomFor(waiter)) {
        index += 1;
        continue;
      }
      this.waiting.splice(index, 1);
      waiter.grant();
    }
  }

  private overloaded(): OverloadedError {
    return new OverloadedError(Math.max(1, Math.ceil(this.syncWaitMs / 1000)), this.maxSyncQueue, 'sync_busy');
  }
}

/** A waiting call whose caller went away: it leaves the queue without a job recorded. */
function notStarted(request: Pick<AnalysisRequest, 'plugin' | 'tool'>): CancelledError {
  return new CancelledError('not_started', { plugin: request.plugin, tool: request.tool });
}
