import { Injectable } from '@nestjs/common';
import type { ForgeSyteError } from '@forgesyte/errors';
import { type ExecutionOutcome, ToolRunner, type ToolRunRequest } from '@forgesyte/runtime';

/**
 * Executes one tool call. It delegates to the {@link ToolRunner} and never touches a plugin: every
 * execution in ForgeSyte takes this path.
 */
@Injectable()
export class PluginExecutionService {
  constructor(private readonly runner: ToolRunner) {}

  execute(request: ToolRunRequest): Promise<ExecutionOutcome> {
    return this.runner.run(request);
  }

  /** The error a request would fail with before its tool runs (unknown plugin/tool, bad args), if any. */
  check(request: Pick<ToolRunRequest, 'plugin' | 'tool' | 'args'>): ForgeSyteError | undefined {
    return this.runner.check(request);
  }

  /** The `maxConcurrency` of the tool a request for `plugin` and `tool` runs, if it declares one. */
  concurrencyLimitOf(plugin: string, tool?: string): number | undefined {
    return this.runner.concurrencyLimitOf(plugin, tool);
  }

  /** The tool a request runs: the one named, else the plugin's default tool. */
  toolNameFor(plugin: string, tool?: string): string | undefined {
    return this.runner.toolNameFor(plugin, tool);
  }
}
