import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AnalysisRequest } from '@forgesyte/execution';
import type { Request } from 'express';
import { JsonSchemaCheck } from '../validation/json-schema-check';
import { ANALYZE_REQUEST_SCHEMA, type AnalyzeRequestBody } from './dto/analyze-request.body';
import { toAnalysisRequest } from './image-shorthand';

const ANALYZE_BODY = new JsonSchemaCheck<AnalyzeRequestBody>('body', ANALYZE_REQUEST_SCHEMA);

/**
 * Injects the analyze body as an {@link AnalysisRequest}: validated against its schema
 * (`REQUEST_INVALID`), its image shorthand checked and resolved. Validated here rather than by a pipe
 * on `@Body()`: Nest runs a parameter's pipes through three more promises on every request, and this is
 * the hottest route.
 */
export const AnalysisRequestBody = createParamDecorator(
  (_: unknown, context: ExecutionContext): AnalysisRequest => toAnalysisRequest(ANALYZE_BODY.check(context.getArgByIndex<Request>(0).body)),
);
