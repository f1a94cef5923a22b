import { ApiProperty } from '@nestjs/swagger';

/** Liveness: the process serves HTTP. */
export class HealthResponse {
  @ApiProperty({ enum: ['ok'], example: 'ok' })
  readonly status!: 'ok';

  @ApiProperty({ minimum: 0, example: 42 })
  readonly uptime_seconds!: number;
}
