import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { RequestInvalidError } from '@forgesyte/errors';
import type { AnalysisRequest } from '@forgesyte/execution';
import type { Request } from 'express';
import { DtoCheck } from '../validation/dto-check';
import { AnalyzeRequestDto } from './dto/analyze-request.dto';
import { toAnalysisRequest } from './image-shorthand';

const ANALYZE_BODY = new DtoCheck('body', AnalyzeRequestDto);

/**
 * Injects the analyze body as an {@link AnalysisRequest}: checked against {@link AnalyzeRequestDto}
 * (`REQUEST_INVALID`), its image shorthand checked and resolved. Validated here rather than by a pipe
 * on `@Body()`: Nest runs a parameter's pipes through three more promises on every request, and this is
 * the hottest route.
 */
export const AnalysisRequestBody = createParamDecorator((_: unknown, context: ExecutionContext): AnalysisRequest => {
  const body: unknown = context.getArgByIndex<Request>(0).body;
  if (body === undefined) {
    throw new RequestInvalidError('The request has no JSON body. Send a JSON object with Content-Type: application/json.');
  }
  return toAnalysisRequest(ANALYZE_BODY.check(body));
});
