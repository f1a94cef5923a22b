import { ApiParam } from '@nestjs/swagger';
import { EXAMPLE_JOB_ID } from '../openapi/example-values';

/** Documents the `job_id` path parameter of the `…/jobs/{job_id}` routes (checked by `JobIdParamsPipe`). */
export const ApiJobIdParam = (): MethodDecorator =>
  ApiParam({ name: 'job_id', description: "The job's id, as submitting it answered.", schema: { type: 'string', format: 'uuid' }, example: EXAMPLE_JOB_ID });
