import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestInvalidError } from '@forgesyte/errors';
import type { JobQuery } from '@forgesyte/execution';
import { JsonSchemaCheck } from '../validation/json-schema-check';
import { LIST_JOBS_QUERY_SCHEMA, type ListJobsQuery } from './dto/list-jobs.query';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;

/** Validates the job listing's query string into a {@link JobQuery} (without owner). */
@Injectable()
export class ListJobsQueryPipe implements PipeTransform<unknown, Omit<JobQuery, 'owner'>> {
  private readonly query = new JsonSchemaCheck<ListJobsQuery>('query', LIST_JOBS_QUERY_SCHEMA);

  transform(value: unknown): Omit<JobQuery, 'owner'> {
    const query = this.query.check(value ?? {});
    return { plugin: query.plugin, status: query.status, cursor: query.cursor, limit: parseLimit(query.limit) };
  }
}

function parseLimit(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!/^\d+$/.test(raw) || limit < 1 || limit > MAX_LIMIT) {
    throw new RequestInvalidError(`limit must be a whole number from 1 to ${MAX_LIMIT}; got '${raw}'.`, {
      details: { violations: [{ path: '/limit', message: `must be a whole number from 1 to ${MAX_LIMIT}` }] },
    });
  }
  return limit;
}
