import { Injectable, type PipeTransform } from '@nestjs/common';
import { JobNotFoundError } from '@forgesyte/errors';
import { DtoCheck } from '../validation/dto-check';
import { JobIdParams } from './dto/job-id.params';

const PARAMS = new DtoCheck('path', JobIdParams);

/** Checks the `{job_id}` of a job URL; an id that is not a UUID answers 404 `JOB_NOT_FOUND`, as an unknown one does. */
@Injectable()
export class JobIdParamsPipe implements PipeTransform<unknown, JobIdParams> {
  transform(params: unknown): JobIdParams {
    const result = PARAMS.inspect(params);
    if (result.valid) return result.dto;
    throw new JobNotFoundError(String((params as Partial<Record<string, unknown>>).job_id));
  }
}
