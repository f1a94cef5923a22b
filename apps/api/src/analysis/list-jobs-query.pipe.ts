import { Injectable, type PipeTransform } from '@nestjs/common';
import { isJobPriority, type JobQuery } from '@forgesyte/execution';
import { DtoCheck } from '../validation/dto-check';
import { queryRangeError } from '../validation/query-range-error';
import { DEFAULT_JOBS_LIMIT, LIMIT_RULE, ListJobsQueryDto, MAX_JOBS_LIMIT, PRIORITY_FILTER_RULE } from './dto/list-jobs-query.dto';

const QUERY = new DtoCheck('query', ListJobsQueryDto);

/** Validates the job listing's query string ({@link ListJobsQueryDto}) into a {@link JobQuery} (without owner). */
@Injectable()
export class ListJobsQueryPipe implements PipeTransform<unknown, Omit<JobQuery, 'owner'>> {
  transform(value: unknown): Omit<JobQuery, 'owner'> {
    const query = QUERY.check(value ?? {});
    return { plugin: query.plugin, status: query.status, priority: parsePriority(query.priority), cursor: query.cursor, limit: parseLimit(query.limit) };
  }
}

/** The priority filter of digits `raw` (checked by the DTO), within 1 to 10. */
function parsePriority(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const priority = Number(raw);
  if (!isJobPriority(priority)) throw queryRangeError('priority', PRIORITY_FILTER_RULE, raw);
  return priority;
}

/** The page size of digits `raw` (checked by the DTO), within 1 to {@link MAX_JOBS_LIMIT}. */
function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_JOBS_LIMIT;
  const limit = Number(raw);
  if (limit < 1 || limit > MAX_JOBS_LIMIT) throw queryRangeError('limit', LIMIT_RULE, raw);
  return limit;
}
