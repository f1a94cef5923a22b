import { JobNotFoundError } from '@forgesyte/errors';
import { Test } from '@nestjs/testing';
import { JobIdParamsPipe } from './job-id-params.pipe';

describe(JobIdParamsPipe.name, () => {
  let pipe: JobIdParamsPipe;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ providers: [JobIdParamsPipe] }).compile();
    pipe = moduleRef.get(JobIdParamsPipe);
  });

  it('passes a UUID through', () => {
    expect(pipe.transform({ job_id: '0b9e6a4e-2c1d-4f7a-9d55-0d6b7c8e9f10' })).toEqual({ job_id: '0b9e6a4e-2c1d-4f7a-9d55-0d6b7c8e9f10' });
  });

  it.each([['x'], ['0b9e6a4e2c1d4f7a9d550d6b7c8e9f10'], ['0b9e6a4e-2c1d-4f7a-9d55-0d6b7c8e9f10x'], ['k'.repeat(10_000)]])(
    'answers the id %s, which no job can have, with JOB_NOT_FOUND naming it',
    (jobId) => {
      expect(() => pipe.transform({ job_id: jobId })).toThrow(new JobNotFoundError(jobId));
    },
  );
});
