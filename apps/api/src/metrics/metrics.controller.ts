import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { PrometheusMetrics } from '@forgesyte/engine';
import { Registry } from 'prom-client';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiKeySecurity } from '../openapi/api-key-security.decorator';
import { bodyNotAnObject, keyErrors } from '../openapi/openapi-examples';

const EXAMPLE = [
  '# HELP forgesyte_tool_execution_duration_seconds ToolRunner calls by plugin, tool and outcome (success or the error code), recorded where the plugin registry counts them.',
  '# TYPE forgesyte_tool_execution_duration_seconds histogram',
  'forgesyte_tool_execution_duration_seconds_count{plugin="your-plugin",tool="your-tool",outcome="success"} 12',
].join('\n');

/**
 * The process's Prometheus metrics, in the text exposition format, for a scraper holding a key with the
 * `metrics:read` scope (Prometheus sends it as `Authorization: Bearer`).
 */
@ApiTags('metrics')
@ApiKeySecurity()
@Controller('metrics')
@RequireScope('metrics:read')
export class MetricsController {
  constructor(private readonly metrics: PrometheusMetrics) {}

  @ApiOperation({
    operationId: 'getMetrics',
    summary: 'Prometheus metrics of this API process (the `metrics:read` scope; scrape with bearer credentials)',
  })
  @ApiOkResponse({
    description: 'The Prometheus text exposition format, version 0.0.4 (`Content-Type: text/plain; version=0.0.4; charset=utf-8`).',
    content: { 'text/plain': { schema: { type: 'string' }, example: EXAMPLE } },
  })
  @ApiErrorResponses({ 400: bodyNotAnObject(), ...keyErrors('metrics:read') })
  @Header('Content-Type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  @Get()
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
