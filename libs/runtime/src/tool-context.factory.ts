import { Logger } from '@nestjs/common';
import type { ToolContext, ToolLogger } from '@forgesyte/plugin-sdk';
import type { CallDeadline } from './call-deadline';
import type { ToolRunRequest } from './tool-run-request';

/** Builds the {@link ToolContext} of one call: its signal and deadline, progress and a tagged log. */
export function createToolContext(request: ToolRunRequest, tool: string, call: CallDeadline): ToolContext {
  return new CallContext(request, tool, call);
}

/**
 * A class, not an object literal with getters: its accessors live once on the prototype, where a
 * literal would build new ones on every call. `progress` is an own arrow function, so that a tool may
 * destructure it from the context.
 */
class CallContext implements ToolContext {
  readonly jobId: string;
  readonly deadline: number;
  private logger: ToolLogger | undefined;

  constructor(
    private readonly request: ToolRunRequest,
    private readonly tool: string,
    private readonly call: CallDeadline,
  ) {
    this.jobId = request.jobId;
    this.deadline = call.deadline;
  }

  get signal(): AbortSignal {
    return this.call.signal;
  }

  get log(): ToolLogger {
    return (this.logger ??= toolLogger(`${this.request.plugin}:${this.tool}`, this.jobId));
  }

  readonly progress = (fraction: number, message?: string): void => {
    const onProgress = this.request.onProgress;
    if (onProgress === undefined || !this.call.isActive || !Number.isFinite(fraction)) return;
    onProgress({ fraction: Math.min(1, Math.max(0, fraction)), message: typeof message === 'string' ? message : null });
  };
}

function toolLogger(context: string, jobId: string): ToolLogger {
  const line = (message: string, data?: object): string =>
    `[job ${jobId}] ${message}${data === undefined ? '' : ` ${safeJson(data)}`}`;
  return {
    info: (message, data) => Logger.log(line(message, data), context),
    warn: (message, data) => Logger.warn(line(message, data), context),
    error: (message, data) => Logger.error(line(message, data), context),
  };
}

function safeJson(data: object): string {
  try {
    return JSON.stringify(data);
  } catch {
    return '[unserialisable data]';
  }
}
