import { Injectable, type PipeTransform } from '@nestjs/common';
import { DtoCheck } from '../validation/dto-check';
import { queryRangeError } from '../validation/query-range-error';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, PAGE_LIMIT_RULE, PageQueryDto } from './dto/page-query.dto';

const QUERY = new DtoCheck('query', PageQueryDto);

/** A page request: how many, from where. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor?: string;
}

/** Validates the query string of the key and audit listings ({@link PageQueryDto}) into a {@link PageRequest}. */
@Injectable()
export class PageQueryPipe implements PipeTransform<unknown, PageRequest> {
  transform(value: unknown): PageRequest {
    const query = QUERY.check(value ?? {});
    return { limit: parseLimit(query.limit), cursor: query.cursor };
  }
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_LIMIT;
  const limit = Number(raw);
  if (limit < 1 || limit > MAX_PAGE_LIMIT) throw queryRangeError('limit', PAGE_LIMIT_RULE, raw);
  return limit;
}
