import { Injectable, Logger } from '@nestjs/common';
import { type ErrorBody, errorMessageOf, ForbiddenError, ForgeSyteError, InternalError } from '@forgesyte/errors';
import { AnalysisExecutionService, type Job } from '@forgesyte/execution';
import { type CallToolResult, ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import type { Principal } from '../auth/api-key-ring';
import { CallPermission } from '../auth/call-permission';
import { McpToolCatalog } from './mcp-tool-catalog';
import { McpProgress, type ProgressSink } from './mcp-progress';

/** The `_meta` key of a failed call's error (the envelope's `error`: code, message, retryable, job_id…). */
export const MCP_ERROR_META = 'forgesyte/error';
/** The `_meta` key of a call's job: its id and duration. */
export const MCP_JOB_META = 'forgesyte/job';

/** What a `tools/call` needs of the MCP request it serves. */
export interface McpCallContext {
  /** Aborts when the client cancels the request (`notifications/cancelled`). */
  readonly signal: AbortSignal;
  /** The request's `_meta.progressToken`, and where its progress notifications go; none without a token. */
  readonly progress?: ProgressSink;
}

/**
 * Runs an MCP `tools/call` as a governed job (mode `mcp`, owned by the caller's key) through
 * {@link AnalysisExecutionService}: the ToolRunner validates the arguments (the only validation), and
 * the call gets the deadline, cancellation, metrics, audit and isolation of every other call. Success
 * is the tool's output as `structuredContent` and as JSON text; every failure is an `isError` result
 * carrying the error envelope. Only a tool the server does not have is a JSON-RPC error (-32602).
 */
@Injectable()
export class McpToolCalls {
  private readonly logger = new Logger('MCP');

  constructor(
    private readonly analysis: AnalysisExecutionService,
    private readonly permission: CallPermission,
    private readonly catalog: McpToolCatalog,
  ) {}

  async call(caller: Principal, name: string, args: Record<string, unknown> | undefined, context: McpCallContext): Promise<CallToolResult> {
    if (!caller.scopes.has('analyze')) return errorResult(new ForbiddenError('analyze').toBody());
    const dot = name.indexOf('.');
    const request = { plugin: dot > 0 ? name.slice(0, dot) : name, tool: dot > 0 ? name.slice(dot + 1) : undefined, args: args ?? {} };
    try {
      // The allow-list first: a key outside it learns nothing of which tools exist.
      this.permission.check(caller, request);
    } catch (error) {
      return errorResult(bodyOf(error));
    }
    if (this.catalog.resolve(name) === undefined) {
      throw new McpError(ErrorCode.InvalidParams, `Unknown tool: '${name.slice(0, 200)}'. Call tools/list for the tools this server has (named <plugin>.<tool>).`);
    }
    const progress = context.progress === undefined ? undefined : new McpProgress(context.progress);
    try {
      const job = await this.analysis.analyze(request, caller, context.signal, undefined, undefined, { mode: 'mcp', onProgress: progress?.report });
      await progress?.end();
      return successResult(job);
    } catch (error) {
      await progress?.end();
      if (!(error instanceof ForgeSyteError)) this.logger.error(`tools/call of ${name} failed unexpectedly: ${errorMessageOf(error)}`);
      return errorResult(bodyOf(error));
    }
  }
}

function successResult(job: Job): CallToolResult {
  const output = job.result;
  const result: CallToolResult = {
    content: [{ type: 'text', text: JSON.stringify(output ?? null) }],
    _meta: { [MCP_JOB_META]: { job_id: job.id, duration_ms: job.durationMs } },
  };
  // MCP's structuredContent is an object; another output is only the text.
  if (typeof output === 'object' && output !== null && !Array.isArray(output)) result.structuredContent = output as Record<string, unknown>;
  return result;
}

/** The result of a failed call: the envelope's `error` as JSON text and in `_meta`; never `structuredContent`. */
export function errorResult(error: ErrorBody): CallToolResult {
  return { isError: true, content: [{ type: 'text', text: JSON.stringify({ error }) }], _meta: { [MCP_ERROR_META]: error } };
}

function bodyOf(error: unknown): ErrorBody {
  if (error instanceof ForgeSyteError) return error.toBody();
  return new InternalError({ cause: error }).toBody();
}
