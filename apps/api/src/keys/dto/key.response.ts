import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KEY_SCOPES } from '@forgesyte/keys';
import { EXAMPLE_KEY, EXAMPLE_KEY_ID, EXAMPLE_TIMESTAMP } from '../../openapi/example-values';

/** A key's limits on the wire; stored now, enforced by the per-key flow control. */
export class KeyLimitsResponse {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Requests a minute.', example: 600 })
  readonly rate_per_minute?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'Pending async jobs at most.', example: 100 })
  readonly max_queued?: number;
}

/** A stored API key on the wire (snake_case), never its secret. */
export class KeyResponse {
  @ApiProperty({ description: 'Public: part of the key (`fsk_<id>_…`), and the owner of the jobs it submits.', example: EXAMPLE_KEY_ID })
  readonly id!: string;

  @ApiProperty({ example: 'ci' })
  readonly name!: string;

  @ApiProperty({ type: [String], enum: KEY_SCOPES, enumName: 'KeyScope', example: ['analyze', 'jobs:read'] })
  readonly scopes!: string[];

  @ApiProperty({ type: [String], nullable: true, description: 'The plugins it may call; null: every plugin.', example: ['your-plugin'] })
  readonly plugins!: string[] | null;

  @ApiProperty({ type: [String], nullable: true, description: 'The tools it may call, as `plugin.tool`; null: every tool of those plugins.', example: null })
  readonly tools!: string[] | null;

  @ApiProperty({ type: () => KeyLimitsResponse, nullable: true, example: null })
  readonly limits!: KeyLimitsResponse | null;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIMESTAMP })
  readonly created_at!: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Last use, to within a few seconds (recorded in the background).', example: null })
  readonly last_used_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  readonly expires_at!: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, example: null })
  readonly revoked_at!: string | null;
}

/** A key just created or rotated, with its secret: the only answer that ever shows it. */
export class CreatedKeyResponse extends KeyResponse {
  @ApiProperty({ description: 'The key to send as `X-API-Key`. Shown only in this answer: store it now.', example: EXAMPLE_KEY })
  readonly key!: string;
}

/** One page of the key listing, by id. */
export class KeyPageResponse {
  @ApiProperty({ type: () => [KeyResponse] })
  readonly keys!: KeyResponse[];

  @ApiProperty({ minimum: 0, example: 1 })
  readonly count!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.', example: null })
  readonly next_cursor!: string | null;
}
