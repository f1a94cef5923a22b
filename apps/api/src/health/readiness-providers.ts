import type { Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { JobQueueHealthIndicator } from './job-queue.health';
import { JobStoreHealthIndicator } from './job-store.health';
import { PluginsHealthIndicator } from './plugins.health';
import { ReadinessService } from './readiness.service';

/**
 * Terminus, without its own logging: {@link ReadinessService} logs a change of verdict once, where terminus
 * would log every failed check of every probe.
 */
export const READINESS_TERMINUS = TerminusModule.forRoot({ logger: false });

/** The readiness service and its checks (they read the engine's `ExecutionReadiness` and the plugin registry). */
export const READINESS_PROVIDERS: Provider[] = [ReadinessService, JobStoreHealthIndicator, JobQueueHealthIndicator, PluginsHealthIndicator];
