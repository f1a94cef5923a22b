import { JOB_ROW_COLUMNS, jobRowOf, type JobRowValues } from './sqlite-job-row';

describe('jobRowOf', () => {
  it('puts each column value on the field of that column, and makes no other field', () => {
    // Each value is its column's name: a value on the wrong field shows as a mismatch.
    const row = jobRowOf([...JOB_ROW_COLUMNS] as unknown as JobRowValues);

    expect(Object.entries(row)).toEqual(JOB_ROW_COLUMNS.map((column) => [column, column]));
  });
});
