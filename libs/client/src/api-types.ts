import type { components } from './generated/forgesyte-api';

type Schemas = components['schemas'];

/** The body of both analyze POSTs: one branch per plugin and tool, `args` typed by the tool's inputSchema. */
export type AnalyzeRequest = Schemas['AnalyzeRequest'];
/** A plugin name the document knows (the plugins loaded when it was generated). */
export type PluginName = AnalyzeRequest['plugin'];
/** The tools of `P` that the document knows. */
export type ToolName<P extends PluginName> = NonNullable<Extract<AnalyzeRequest, { plugin: P }>['tool']>;
/** The `args` of tool `T` of plugin `P`: its inputSchema, as a type. */
export type ToolArgs<P extends PluginName, T extends ToolName<P>> = NonNullable<Exclude<Extract<AnalyzeRequest, { plugin: P; tool?: T }>, { image: string }>['args']>;
/**
 * The `result` of tool `T` of plugin `P`: its outputSchema, as a type. Found by plugin and tool name in
 * the document's `ToolOutputs` map, not by component name (the server makes those safe, so a tool's
 * component need not be named after it).
 */
export type ToolResult<P extends PluginName, T extends string> = NonNullable<NonNullable<Schemas['ToolOutputs'][P]>[T & keyof NonNullable<Schemas['ToolOutputs'][P]>]>;

/** A job on the wire. */
export type Job = Schemas['JobResponse'];
/** A job's status. */
export type JobStatus = Schemas['JobStatus'];
/** A finished job with its `result` (success) or `error` (failed, cancelled). */
export type JobOutcome = Schemas['JobOutcomeResponse'];
/** A page of `GET /v1/analyze-execution/jobs`. */
export type JobPage = Schemas['JobPageResponse'];
/** The 200 body of `POST /v1/analyze-execution`. */
export type SyncResult = Schemas['SyncResultResponse'];
/** Every error response's body: `{ error: { code, type, message, details, … } }`. */
export type ErrorEnvelope = Schemas['ErrorEnvelopeResponse'];
/** The error codes the API answers with. */
export type ErrorCode = Schemas['ErrorCode'];
