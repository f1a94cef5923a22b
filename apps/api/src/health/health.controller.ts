import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { buildEnvelope, NotReadyError } from '@forgesyte/errors';
import { RequireScope } from '../auth/require-scope.decorator';
import { ErrorEnvelopeResponse } from '../errors/error-envelope.response';
import { EXAMPLE_REQUEST_ID, EXAMPLE_TIME } from '../openapi/openapi-examples';
import { HealthResponse } from './dto/health.response';
import { ReadinessResponse } from './dto/readiness.response';
import { ReadinessService } from './readiness.service';

/** The example of a server that is not ready: its Redis is down. */
const NOT_READY_EXAMPLE = new NotReadyError({
  store: {
    status: 'down',
    kind: 'redis',
    unwritten_outcomes: 0,
    message: 'The job store does not take writes (a full disk or read-only file for SQLite; Redis down, out of memory or read-only). The server log says which.',
  },
});

/** Liveness (answers while the process serves HTTP) and readiness (it takes work). Both need no key. */
@ApiTags('health')
@Controller('v1/health')
@RequireScope('public')
export class HealthController {
  private readonly startedAt = Date.now();

  constructor(private readonly readiness: ReadinessService) {}

  @ApiOperation({ operationId: 'getHealth', summary: 'Liveness: answers while the process serves HTTP (no key needed)' })
  @ApiOkResponse({ type: HealthResponse, example: { status: 'ok', uptime_seconds: 42 } })
  @Get()
  health(): HealthResponse {
    return { status: 'ok', uptime_seconds: Math.floor((Date.now() - this.startedAt) / 1000) };
  }

  @ApiOperation({
    operationId: 'getReadiness',
    summary: 'Readiness: the job store takes writes, the queue takes jobs, a plugin can be called (no key needed)',
    description: 'For load balancers and orchestrators: 503 `NOT_READY` (the one 5xx besides `STORE_UNAVAILABLE`) while a check fails or once shutdown began.',
  })
  @ApiOkResponse({
    type: ReadinessResponse,
    example: {
      status: 'ready',
      checks: { store: { status: 'up', kind: 'sqlite', unwritten_outcomes: 0 }, queue: { status: 'up', acceptance: 'accepting' }, plugins: { status: 'up', callable: 3, registered: 3 } },
    },
  })
  @ApiResponse({
    status: 503,
    description: 'Not ready (`NOT_READY`): `details.checks` holds each failed check with what it found (`server` once shutdown began). Send work elsewhere.',
    type: ErrorEnvelopeResponse,
    example: buildEnvelope(NOT_READY_EXAMPLE, EXAMPLE_REQUEST_ID, EXAMPLE_TIME),
    headers: { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer', minimum: 1 } } },
  })
  @Get('ready')
  ready(): Promise<ReadinessResponse> {
    return this.readiness.check();
  }
}
