import { violationList } from './schema-violation';
import { summarizeViolations, violationDetails } from './violation-report';

const missing = { path: '/name', message: 'is required' };

describe(summarizeViolations.name, () => {
  it('names the one violation', () => {
    expect(summarizeViolations(violationList([missing], 1))).toBe('/name is required');
  });

  it('says how many more there are', () => {
    expect(summarizeViolations(violationList([missing, missing], 1_000_000))).toBe('/name is required (and 999999 more)');
  });

  it('says when the value was too large to look for every violation', () => {
    expect(summarizeViolations(violationList([missing], null))).toMatch(/^\/name is required \(the value is too large .*fix this one/);
  });
});

describe(violationDetails.name, () => {
  it('lists at most 100, with the count and whether some were left out', () => {
    const details = violationDetails(violationList(Array.from({ length: 150 }, () => missing), 150));

    expect(details).toEqual({ violations: expect.any(Array), violation_count: 150, truncated: true });
    expect(details.violations).toHaveLength(100);
  });

  it('says nothing was left out of a complete list', () => {
    expect(violationDetails(violationList([missing], 1))).toEqual({ violations: [missing], violation_count: 1, truncated: false });
  });

  it('serializes the list as a plain JSON array', () => {
    expect(JSON.parse(JSON.stringify(violationDetails(violationList([missing], null))))).toEqual({
      violations: [missing],
      violation_count: null,
      truncated: true,
    });
  });
});
