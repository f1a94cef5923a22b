import { Logger } from '@nestjs/common';
import type { ToolContext, ToolLogger } from '@forgesyte/plugin-sdk';
import type { CallScope } from './call-scope';
import type { ToolRunRequest } from './tool-run-request';

/** Builds the {@link ToolContext} of one call: its scope's signal and deadline, progress and a tagged log. */
export function createToolContext(request: ToolRunRequest, tool: string, scope: CallScope): ToolContext {
  const onProgress = request.onProgress;
  let log: ToolLogger | undefined;
  return {
    get signal(): AbortSignal {
      return scope.signal;
    },
    jobId: request.jobId,
    deadline: scope.deadline,
    progress(fraction: number, message?: string): void {
      if (onProgress === undefined || !scope.isActive || !Number.isFinite(fraction)) return;
      onProgress({ fraction: Math.min(1, Math.max(0, fraction)), message: typeof message === 'string' ? message : null });
    },
    get log(): ToolLogger {
      return (log ??= toolLogger(`${request.plugin}:${tool}`, request.jobId));
    },
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
