import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { REQUEST_ID_HEADER } from '../http/request-id';
import { ANALYZE_REQUEST, GENERIC_ANALYZE_REQUEST } from './analyze-request.schema';
import { addAnyRouteResponses, REQUEST_ID_RESPONSE_HEADER } from './any-route-responses';
import { API_KEY_SCHEME, BEARER_SCHEME } from './api-key-security.decorator';
import { addRateLimitResponses } from './rate-limit-responses';
import { toOpenApi31Schema } from './to-openapi-31-schema';

/** The version of the document: the API's (the package's version, kept equal by a test). */
export const API_VERSION = '0.1.0';

/**
 * The response schemas whose `result` is what a tool returned: any JSON value, which @nestjs/swagger
 * can only write as `type: object` (a tool's output schema need not be an object).
 */
export const TOOL_RESULT_HOLDERS = ['SyncResultResponse', 'JobOutcomeResponse'] as const;

const DESCRIPTION = [
  'Governed plugin execution: every tool call goes through one runner that validates its input and output,',
  'bounds its time and concurrency, and records it as a job.',
  '',
  'Every non-2xx body is the error envelope. Send the API key as `X-API-Key` or `Authorization: Bearer`.',
  "This document is public; sent with a key that has the `plugins:read` scope, it also holds every tool's",
  'input and output schema (the analyze body is then a `oneOf` over plugin and tool).',
].join('\n');

/**
 * The document of the application's routes, built by @nestjs/swagger from the controllers' decorators
 * and the response DTOs, as OpenAPI 3.1: no plugin is named in it (the analyze body's `args` and a
 * result are plain values). Call it once the modules are compiled; it reads metadata only.
 */
export function buildRouteDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('ForgeSyte API')
    .setDescription(DESCRIPTION)
    .setVersion(API_VERSION)
    .setLicense('MIT', 'https://opensource.org/licenses/MIT')
    .addServer('/', 'The server that serves this document.')
    .addSecurity(API_KEY_SCHEME, { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An API key: FORGESYTE_ADMIN_KEY, FORGESYTE_USER_KEY, or a stored key from POST /v1/keys (`fsk_…`).' })
    .addSecurity(BEARER_SCHEME, { type: 'http', scheme: 'bearer', description: 'The same API key, as `Authorization: Bearer <key>`.' })
    .addTag('analysis', 'Run a tool now, or as an async job.')
    .addTag('jobs', 'Read, list and cancel jobs.')
    .addTag('plugins', 'The plugins, their tools, schemas, state and metrics.')
    .addTag('keys', 'Stored API keys and their audit (scope `keys:manage`).')
    .addTag('health', 'Liveness and readiness.')
    .addTag('docs', 'This document and its interactive page.')
    .build();
  const document = SwaggerModule.createDocument(app, config);
  delete document.info.contact;
  const schemas = (document.components ??= {}).schemas ?? {};
  document.components.schemas = { ...schemas, [ANALYZE_REQUEST]: structuredClone(GENERIC_ANALYZE_REQUEST) as object };
  for (const schema of Object.values(document.components.schemas)) toOpenApi31Schema(schema);
  for (const holder of TOOL_RESULT_HOLDERS) {
    const { properties } = document.components.schemas[holder] as { properties: Record<string, { description?: string }> };
    properties.result = { description: properties.result.description };
  }
  for (const operation of operationsOf(document)) finishOperation(operation);
  addRateLimitResponses(operationsOf(document));
  addAnyRouteResponses(operationsOf(document));
  return document;
}

type Operation = { security?: unknown[]; parameters?: Array<{ schema?: unknown }>; requestBody?: { content?: Record<string, { schema?: unknown }> }; responses: Record<string, Response> };
type Response = { headers?: Record<string, unknown>; content?: Record<string, { schema?: unknown }> };

/** Every operation of the document. */
export function operationsOf(document: OpenAPIObject): Operation[] {
  const methods = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;
  return Object.values(document.paths).flatMap((item) => methods.map((method) => item[method] as Operation | undefined).filter((op) => op !== undefined));
}

function finishOperation(operation: Operation): void {
  // A route that declares no key (`@ApiKeySecurity`) is public: say so, rather than leave it unsaid.
  operation.security ??= [];
  for (const parameter of operation.parameters ?? []) toOpenApi31Schema(parameter.schema);
  for (const media of Object.values(operation.requestBody?.content ?? {})) toOpenApi31Schema(media.schema);
  for (const response of Object.values(operation.responses)) {
    for (const media of Object.values(response.content ?? {})) toOpenApi31Schema(media.schema);
    // Every answer carries the request's id (assigned by the entry middleware, or the error filter).
    response.headers = {
      [REQUEST_ID_HEADER]: REQUEST_ID_RESPONSE_HEADER,
      ...response.headers,
    };
  }
}
