import { Logger } from '@nestjs/common';
import type { ToolContext, ToolLogger } from '@forgesyte/plugin-sdk';
import type { CallDeadline } from './call-deadline';
import type { ToolRunRequest } from './tool-run-request';

/** A progress message is cut to this many characters: it is stored with the job and sent to every client following it. */
export const MAX_PROGRESS_MESSAGE_LENGTH = 1000;

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
    return (this.logger ??= toolLogger(this.request.plugin, this.tool, this.jobId));
  }

  readonly progress = (fraction: number, message?: string): void => {
    const onProgress = this.request.onProgress;
    if (onProgress === undefined || !this.call.isActive || !Number.isFinite(fraction)) return;
    onProgress({ fraction: Math.min(1, Math.max(0, fraction)), message: typeof message === 'string' ? message.slice(0, MAX_PROGRESS_MESSAGE_LENGTH) : null });
  };
}

/**
 * A call's `ctx.log`: Nest's logger (pino's JSON lines in the apps), each line's fields tagged with the
 * plugin, tool and job. Lines a tool logs in a worker thread come here too, through the thread's messages.
 */
function toolLogger(plugin: string, tool: string, jobId: string): ToolLogger {
  const context = `${plugin}:${tool}`;
  const line = (message: string, data?: object): ToolLogLine =>
    data === undefined ? { msg: String(message), plugin, tool, job_id: jobId } : { msg: String(message), plugin, tool, job_id: jobId, data: serialisable(data) };
  return {
    info: (message, data) => Logger.log(line(message, data), context),
    warn: (message, data) => Logger.warn(line(message, data), context),
    error: (message, data) => Logger.error(line(message, data), context),
  };
}

/** The fields of one `ctx.log` line. */
interface ToolLogLine {
  readonly msg: string;
  readonly plugin: string;
  readonly tool: string;
  readonly job_id: string;
  readonly data?: unknown;
}

/** The tool's data, or a note where it cannot be written as JSON (a cycle, a BigInt): logging never throws into a tool. */
function serialisable(data: object): unknown {
  try {
    JSON.stringify(data);
    return data;
  } catch {
    return '[unserialisable data]';
  }
}
