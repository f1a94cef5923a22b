import type { AnalyzeRequest, ErrorEnvelope, PluginName, SyncResult, ToolName, ToolResult } from './api-types';
import type { ForgeSyteClient } from './create-forgesyte-client';

/** A body of `POST /v1/analyze-execution` that names its tool, so its result's type is known. */
export type AnalyzeBody<P extends PluginName, T extends string> = Extract<AnalyzeRequest, { plugin: P }> & { plugin: P; tool: T };

/** The answer of {@link analyze}: `data` with `result` typed by the tool's outputSchema, or `error` the envelope. */
export type AnalyzeResponse<P extends PluginName, T extends string> =
  | { readonly data: SyncResult & { readonly result: ToolResult<P, T> }; readonly error?: never; readonly response: Response }
  | { readonly data?: never; readonly error: ErrorEnvelope; readonly response: Response };

/**
 * Runs a tool and waits for its result (`POST /v1/analyze-execution`). Like `client.POST`, but the body
 * names its `tool` and `data.result` is that tool's output type rather than the union of every tool's.
 */
export async function analyze<P extends PluginName, T extends ToolName<P>>(
  client: ForgeSyteClient,
  body: AnalyzeBody<P, T>,
  init: { readonly signal?: AbortSignal } = {},
): Promise<AnalyzeResponse<P, T>> {
  const { data, error, response } = await client.POST('/v1/analyze-execution', { body, signal: init.signal });
  if (error !== undefined) return { error, response };
  // The API checked `result` against this tool's outputSchema (the ToolRunner refuses any other output).
  return { data: data as SyncResult & { result: ToolResult<P, T> }, response };
}
