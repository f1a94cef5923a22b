import { DelayedJobs } from './delayed-jobs';
import type { QueuedJob } from './job-queue';

const JOB: QueuedJob = { id: 'job-1', owner: 'key_1', priority: 5 };

describe(DelayedJobs.name, () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('hands a job over no earlier than its time by the wall clock, even when its timer fires a millisecond early', () => {
    jest.useFakeTimers({ doNotFake: ['Date'] });
    const wallClock = jest.spyOn(Date, 'now').mockReturnValue(1_000);
    const due: string[] = [];
    const jobs = new DelayedJobs((job) => due.push(job.id));

    jobs.add(JOB, 1_100);
    wallClock.mockReturnValue(1_099);
    jest.advanceTimersByTime(100);
    expect(due).toEqual([]);

    wallClock.mockReturnValue(1_100);
    jest.advanceTimersByTime(1);
    expect(due).toEqual(['job-1']);
  });

  it('forgets a job removed while it waited', () => {
    jest.useFakeTimers();
    const due: string[] = [];
    const jobs = new DelayedJobs((job) => due.push(job.id));

    jobs.add(JOB, Date.now() + 50);
    expect(jobs.remove(JOB.id)).toBe(true);
    jest.advanceTimersByTime(100);

    expect(due).toEqual([]);
    expect(jobs.remove(JOB.id)).toBe(false);
  });
});
