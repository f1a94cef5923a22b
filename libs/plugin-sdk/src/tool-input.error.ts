/**
 * Thrown by a tool when `args` pass the input schema but still cannot be processed (an image that does
 * not decode, a size out of range for this file). The runner reports it as `INPUT_INVALID`: the caller's
 * fault, not the plugin's. Matched by `code`, so it also works across a worker boundary.
 */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
  readonly code = 'INPUT_INVALID';

  constructor(
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}
