import { exceedsValueBudget } from './value-size';

describe(exceedsValueBudget.name, () => {
  it('counts object members and array items at every depth', () => {
    const value = { a: [1, 2, { b: 3 }], c: { d: 4 } };

    expect(exceedsValueBudget(value, 7)).toBe(false);
    expect(exceedsValueBudget(value, 6)).toBe(true);
  });

  it('treats a scalar as within any budget', () => {
    expect(exceedsValueBudget('x'.repeat(1000), 0)).toBe(false);
  });

  it('stops on a huge array without reading it', () => {
    expect(exceedsValueBudget(new Array(10_000_000), 100)).toBe(true);
  });

  it('stops on a cycle', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;

    expect(exceedsValueBudget(cyclic, 1000)).toBe(true);
  });
});
