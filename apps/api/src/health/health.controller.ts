import { Controller, Get } from '@nestjs/common';
import { RequireScope } from '../auth/require-scope.decorator';

/** Liveness: answers while the process serves HTTP. Needs no key. */
@Controller('v1/health')
@RequireScope('public')
export class HealthController {
  private readonly startedAt = Date.now();

  @Get()
  health(): { status: 'ok'; uptime_seconds: number } {
    return { status: 'ok', uptime_seconds: Math.floor((Date.now() - this.startedAt) / 1000) };
  }
}
