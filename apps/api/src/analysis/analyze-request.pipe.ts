import { Injectable, type PipeTransform } from '@nestjs/common';
import type { AnalysisRequest } from '@forgesyte/execution';
import { JsonSchemaPipe } from '../validation/json-schema.pipe';
import { ANALYZE_REQUEST_SCHEMA, type AnalyzeRequestBody } from './dto/analyze-request.body';
import { toAnalysisRequest } from './image-shorthand';

/** Validates an analyze body and resolves its image shorthand into an {@link AnalysisRequest}. */
@Injectable()
export class AnalyzeRequestPipe implements PipeTransform<unknown, AnalysisRequest> {
  private readonly body = new JsonSchemaPipe<AnalyzeRequestBody>('body', ANALYZE_REQUEST_SCHEMA);

  transform(value: unknown): AnalysisRequest {
    return toAnalysisRequest(this.body.transform(value));
  }
}
