import { ForgeSyteError, type ForgeSyteErrorOptions } from '../forgesyte.error';

/** The plugin exists but has no tool of the requested name. */
export class ToolNotFoundError extends ForgeSyteError {
  override readonly name = 'ToolNotFoundError';
  readonly code = 'TOOL_NOT_FOUND';
  readonly type = 'NotFoundError';

  constructor(plugin: string, tool: string, available: readonly string[], options?: ForgeSyteErrorOptions) {
    super(`Plugin '${plugin}' has no tool '${tool}'. Its tools are: ${available.join(', ')}.`, {
      ...options,
      plugin,
      tool,
      details: { available },
    });
  }
}
