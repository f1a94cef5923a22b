import { IsUUID } from 'class-validator';

/** The path parameters of `…/jobs/{job_id}` routes. An id that is not a UUID names no job: 404 `JOB_NOT_FOUND`. */
export class JobIdParams {
  @IsUUID('all', { message: 'must be a job id (a UUID), as returned when the job was submitted' })
  readonly job_id!: string;
}
