import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, DiscoveryModule } from '@nestjs/core';
import { EngineModule } from '@forgesyte/engine';
import { ApiKeyService } from '@forgesyte/keys';
import type { ShippedPlugin } from '@forgesyte/registry';
import { SHIPPED_PLUGINS } from '@forgesyte/shipped-plugins';
import type { Logger } from 'pino';
import { AnalysisController } from './analysis/analysis.controller';
import { JobsController } from './analysis/jobs.controller';
import { JobEventsController } from './analysis/events/job-events.controller';
import { ApiKeyGuard } from './auth/api-key.guard';
import { ApiKeyRing } from './auth/api-key-ring';
import { CallPermission } from './auth/call-permission';
import { API_CONFIG, type ApiConfig } from './config/api-config';
import { GlobalExceptionFilter } from './errors/global-exception.filter';
import { HealthController } from './health/health.controller';
import { AuditController } from './keys/audit.controller';
import { KeyAdministration } from './keys/key-administration.service';
import { KeysController } from './keys/keys.controller';
import { READINESS_PROVIDERS, READINESS_TERMINUS } from './health/readiness-providers';
import { McpController } from './mcp/mcp.controller';
import { MCP_PROVIDERS } from './mcp/mcp-providers';
import { McpSessions } from './mcp/mcp-sessions.service';
import { MetricsController } from './metrics/metrics.controller';
import { OpenApiController } from './openapi/openapi.controller';
import { OpenApiDocuments } from './openapi/openapi-documents.service';
import { SwaggerUiAssets } from './openapi/swagger-ui-assets.service';
import { PluginsController } from './plugins/plugins.controller';
import { KeyRateLimits } from './rate-limit/key-rate-limits';
import { openKeyRateLimits } from './rate-limit/open-key-rate-limits';

/**
 * The HTTP application: the engine configured from {@link ApiConfig}, the controllers, auth and errors;
 * the job lines on `log` (the process's pino logger), none without it. `shipped`: the plugins registered
 * in code, the product's by default (e2e tests add in-repo fixtures).
 */
@Module({})
export class ApiModule {
  static forRoot(config: ApiConfig, log?: Logger, shipped: readonly ShippedPlugin[] = SHIPPED_PLUGINS): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        EngineModule.forRoot(config, { shipped, role: 'api', log }),
        // The entry middleware reads the routes' policies (public, large body) from their metadata.
        DiscoveryModule,
        READINESS_TERMINUS,
      ],
      controllers: [AnalysisController, JobsController, PluginsController, KeysController, AuditController, JobEventsController, HealthController, OpenApiController, MetricsController, McpController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        {
          provide: ApiKeyRing,
          inject: [ApiKeyService],
          useFactory: (stored: ApiKeyService) => new ApiKeyRing({ admin: config.adminKey, user: config.userKey, metrics: config.metricsKey }, stored),
        },
        CallPermission,
        // Each key's request rate, checked by the entry middleware (FORGESYTE_RATE_LIMIT, a stored key's rate_per_minute).
        { provide: KeyRateLimits, useFactory: () => openKeyRateLimits(config) },
        KeyAdministration,
        { provide: APP_GUARD, useClass: ApiKeyGuard },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
        OpenApiDocuments,
        SwaggerUiAssets,
        ...MCP_PROVIDERS,
        McpSessions,
        ...READINESS_PROVIDERS,
      ],
    };
  }
}
