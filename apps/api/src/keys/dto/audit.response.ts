import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EXAMPLE_KEY_ID, EXAMPLE_TIMESTAMP } from '../../openapi/example-values';

/** What the key audit records. */
export const AUDIT_ACTIONS = ['created', 'updated', 'rotated', 'revoked', 'refused-revoked', 'refused-expired'] as const;

/** One entry of the key audit on the wire: who did what to which key, never a secret. */
export class AuditEntryResponse {
  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIMESTAMP })
  readonly at!: string;

  @ApiProperty({ description: 'Who: the id (and name) of the key that made the change; for a refused use, the key presented.', example: 'key_5d41402abc4b2a76 (FORGESYTE_ADMIN_KEY)' })
  readonly actor!: string;

  @ApiProperty({ enum: AUDIT_ACTIONS, enumName: 'KeyAuditAction', example: 'created' })
  readonly action!: (typeof AUDIT_ACTIONS)[number];

  @ApiProperty({ example: EXAMPLE_KEY_ID })
  readonly key_id!: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'What changed: the fields set, with their new values.', example: { scopes: ['analyze'] } })
  readonly changes?: Record<string, unknown>;
}

/** One page of the key audit. */
export class AuditPageResponse {
  @ApiProperty({ type: () => [AuditEntryResponse] })
  readonly entries!: AuditEntryResponse[];

  @ApiProperty({ minimum: 0, example: 1 })
  readonly count!: number;

  @ApiProperty({ type: String, nullable: true, description: 'Pass as `cursor` for the next page; null on the last page.', example: null })
  readonly next_cursor!: string | null;
}
