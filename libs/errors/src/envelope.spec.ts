import { buildEnvelope } from './envelope';
import { JobNotFoundError } from './classes/job-not-found.error';
import { RequestInvalidError } from './classes/request-invalid.error';

describe('buildEnvelope', () => {
  it('wraps the error body with the request id and the timestamp', () => {
    const error = new JobNotFoundError('job-1');

    const envelope = buildEnvelope(error, 'req-1', new Date('2026-01-01T00:00:00.000Z'));

    expect(envelope).toEqual({
      error: {
        code: 'JOB_NOT_FOUND',
        type: 'NotFoundError',
        message: error.message,
        details: {},
        plugin: null,
        tool: null,
        job_id: 'job-1',
        retryable: false,
        request_id: 'req-1',
        timestamp: '2026-01-01T00:00:00.000Z',
      },
    });
  });

  it('stamps the current time when no time is given', () => {
    const before = Date.now();

    const { timestamp } = buildEnvelope(new RequestInvalidError('bad'), 'req-1').error;

    expect(Date.parse(timestamp)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(timestamp)).toBeLessThanOrEqual(Date.now());
  });

  it('has error as its only top-level field', () => {
    expect(Object.keys(buildEnvelope(new RequestInvalidError('bad'), 'req-1'))).toEqual(['error']);
  });
});
