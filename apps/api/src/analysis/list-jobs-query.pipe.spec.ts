import { RequestInvalidError } from '@forgesyte/errors';
import { Test } from '@nestjs/testing';
import { ListJobsQueryPipe } from './list-jobs-query.pipe';

describe(ListJobsQueryPipe.name, () => {
  let pipe: ListJobsQueryPipe;

  beforeEach(async () => {
    const moduleRef = await Test.createTestingModule({ providers: [ListJobsQueryPipe] }).compile();
    pipe = moduleRef.get(ListJobsQueryPipe);
  });

  it('defaults the limit to 50', () => {
    expect(pipe.transform({}).limit).toBe(50);
  });

  it('treats a missing query as an empty one', () => {
    expect(pipe.transform(undefined)).toEqual({ plugin: undefined, status: undefined, cursor: undefined, limit: 50 });
  });

  it.each([['1', 1], ['5', 5], ['100', 100]])('reads the limit %s as %i', (raw, limit) => {
    expect(pipe.transform({ limit: raw }).limit).toBe(limit);
  });

  it.each([['0'], ['101'], ['-1'], ['abc'], ['1.5'], [''], [' 5'], ['1e2']])('refuses the limit %j with REQUEST_INVALID', (raw) => {
    expect(() => pipe.transform({ limit: raw })).toThrow(RequestInvalidError);
  });

  it('names the limit in the violation, with the details of every request check', () => {
    expect(() => pipe.transform({ limit: '101' })).toThrow(
      expect.objectContaining({ details: { violations: [expect.objectContaining({ path: '/limit' })], violation_count: 1, truncated: false } }),
    );
  });

  it('passes plugin, status and cursor through', () => {
    expect(pipe.transform({ plugin: 'echo', status: 'running', cursor: 'abc', limit: '10' })).toEqual({
      plugin: 'echo',
      status: 'running',
      cursor: 'abc',
      limit: 10,
    });
  });

  it.each([
    ['an unknown status', { status: 'done' }],
    ['a plugin name that cannot exist', { plugin: 'Not A Name' }],
    ['an empty cursor', { cursor: '' }],
    ['an unknown parameter', { owner: 'key_other' }],
    ['a repeated parameter', { status: ['pending', 'running'] }],
  ])('refuses %s with REQUEST_INVALID', (_, query) => {
    expect(() => pipe.transform(query)).toThrow(RequestInvalidError);
  });
});
