import { ApiProperty } from '@nestjs/swagger';
import { LIFECYCLE_STATES, type LifecycleState } from '@forgesyte/registry';
import { EXAMPLE_PLUGIN, EXAMPLE_TIMESTAMP, EXAMPLE_TOOL } from '../../openapi/example-values';

/** A plugin's state and metrics on the wire (snake_case). */
export class PluginHealthResponse {
  @ApiProperty({ example: EXAMPLE_PLUGIN })
  readonly name!: string;

  @ApiProperty({ enum: LIFECYCLE_STATES, enumName: 'LifecycleState', example: 'INITIALIZED' })
  readonly state!: LifecycleState;

  @ApiProperty({ type: String, nullable: true, description: 'Why the plugin cannot run (in full to the admin key only); null when it can.', example: null })
  readonly reason!: string | null;

  @ApiProperty({ minimum: 0, example: 12 })
  readonly success_count!: number;

  @ApiProperty({ minimum: 0, example: 1 })
  readonly error_count!: number;

  @ApiProperty({ type: Number, nullable: true, example: 3.5 })
  readonly last_execution_time_ms!: number | null;

  @ApiProperty({ type: Number, nullable: true, example: 4.1 })
  readonly avg_execution_time_ms!: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  readonly last_used!: string | null;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIMESTAMP })
  readonly loaded_at!: string;

  @ApiProperty({ minimum: 0, example: 42 })
  readonly uptime_seconds!: number;

  @ApiProperty({ minimum: 0, example: 0 })
  readonly in_flight!: number;

  @ApiProperty({ minimum: 0, description: 'Inline calls abandoned at their deadline or cancel whose code is still running.', example: 0 })
  readonly abandoned!: number;
}

/** A plugin's identity besides its name, with its state and metrics. */
export class PluginIdentityResponse extends PluginHealthResponse {
  @ApiProperty({ type: String, nullable: true, example: '1.0.0' })
  readonly version!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Finds things in images.' })
  readonly description!: string | null;

  @ApiProperty({ type: String, nullable: true, example: EXAMPLE_TOOL })
  readonly default_tool!: string | null;
}

/** A plugin in the listing: identity, tool names, state and metrics. */
export class PluginSummaryResponse extends PluginIdentityResponse {
  @ApiProperty({ type: [String], example: [EXAMPLE_TOOL, 'your-other-tool'] })
  readonly tools!: string[];
}

/** The listing of every registered plugin. */
export class PluginListResponse {
  @ApiProperty({ type: () => [PluginSummaryResponse] })
  readonly plugins!: PluginSummaryResponse[];

  @ApiProperty({ minimum: 0, example: 3 })
  readonly count!: number;
}

/** One tool of a plugin with its JSON Schemas and limits. */
export class ToolResponse {
  @ApiProperty({ example: EXAMPLE_TOOL })
  readonly name!: string;

  @ApiProperty({ example: 'Finds the labelled things in an image, with a score each.' })
  readonly description!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema (2020-12) of `args`.' })
  readonly input_schema!: Readonly<Record<string, unknown>>;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'JSON Schema (2020-12) of `result`.' })
  readonly output_schema!: Readonly<Record<string, unknown>>;

  @ApiProperty({ type: Number, nullable: true, description: "Deadline of one call in ms; null: the server's default.", example: null })
  readonly timeout_ms!: number | null;

  @ApiProperty({ enum: ['inline', 'worker'], example: 'inline' })
  readonly isolation!: 'inline' | 'worker';

  @ApiProperty({ type: Number, nullable: true, example: null })
  readonly max_concurrency!: number | null;
}

/** One plugin in full: its tools with their schemas and limits. */
export class PluginDetailResponse extends PluginIdentityResponse {
  @ApiProperty({ type: () => [ToolResponse] })
  readonly tools!: ToolResponse[];
}
