import { ApiProperty } from '@nestjs/swagger';

/** The job store check of a ready server. */
export class StoreCheckResponse {
  @ApiProperty({ enum: ['up'], example: 'up' })
  readonly status!: 'up';

  @ApiProperty({ enum: ['memory', 'sqlite', 'redis'], description: 'Where jobs live (FORGESYTE_JOB_STORE).', example: 'sqlite' })
  readonly kind!: 'memory' | 'sqlite' | 'redis';

  @ApiProperty({ minimum: 0, description: 'Finished jobs whose outcome the store refused and which wait to be written again (0 when ready).', example: 0 })
  readonly unwritten_outcomes!: number;
}

/** The job queue check of a ready server. */
export class QueueCheckResponse {
  @ApiProperty({ enum: ['up'], example: 'up' })
  readonly status!: 'up';

  @ApiProperty({ enum: ['accepting'], description: 'An async submission would find a place in the queue.', example: 'accepting' })
  readonly acceptance!: 'accepting';
}

/** The plugins check of a ready server. */
export class PluginsCheckResponse {
  @ApiProperty({ enum: ['up'], example: 'up' })
  readonly status!: 'up';

  @ApiProperty({ minimum: 1, description: 'Plugins a call would run (initialized, or FAILED by their last call, with a tool).', example: 3 })
  readonly callable!: number;

  @ApiProperty({ minimum: 1, description: 'Plugins registered, callable or not.', example: 3 })
  readonly registered!: number;
}

/** Every check of a ready server. */
export class ReadinessChecksResponse {
  @ApiProperty({ type: () => StoreCheckResponse, description: 'A real write to the job store succeeded, and no job outcome waits to be written.' })
  readonly store!: StoreCheckResponse;

  @ApiProperty({ type: () => QueueCheckResponse, description: 'The job queue takes jobs: not full, not stopped.' })
  readonly queue!: QueueCheckResponse;

  @ApiProperty({ type: () => PluginsCheckResponse, description: 'At least one plugin can be called.' })
  readonly plugins!: PluginsCheckResponse;
}

/** Readiness: the server takes work. */
export class ReadinessResponse {
  @ApiProperty({ enum: ['ready'], example: 'ready' })
  readonly status!: 'ready';

  @ApiProperty({ type: () => ReadinessChecksResponse })
  readonly checks!: ReadinessChecksResponse;
}
