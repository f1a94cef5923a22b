import { ConfigError } from '@forgesyte/engine';
import { loadConfig } from './load-config';
import { rateLimitSetting } from './rate-limit-setting';

const read = (value: string) => rateLimitSetting({ FORGESYTE_RATE_LIMIT: value });

describe(rateLimitSetting.name, () => {
  it.each([['unset', {}], ['empty', { FORGESYTE_RATE_LIMIT: '' }], ['off', { FORGESYTE_RATE_LIMIT: 'off' }]])('limits no key when %s', (_, env) => {
    expect(rateLimitSetting(env)).toEqual({ admin: null, user: null });
  });

  it.each([
    ['50/s', 50, 1],
    ['600/m', 600, 60],
    ['10000/h', 10_000, 3600],
    ['100/10s', 100, 10],
    ['5/24h', 5, 86_400],
  ])('reads %s as the default rate of every key', (value, quota, windowSeconds) => {
    const policy = { name: 'default', quota, windowSeconds };

    expect(read(value)).toEqual({ admin: policy, user: policy });
  });

  it('gives one kind of key its own rate, the other the default', () => {
    expect(read('600/m, admin:off')).toEqual({ admin: null, user: { name: 'default', quota: 600, windowSeconds: 60 } });
    expect(read('admin:6000/m,600/m')).toEqual({ admin: { name: 'admin', quota: 6000, windowSeconds: 60 }, user: { name: 'default', quota: 600, windowSeconds: 60 } });
  });

  it('limits only the kind named when there is no default', () => {
    expect(read('user:100/m')).toEqual({ admin: null, user: { name: 'user', quota: 100, windowSeconds: 60 } });
  });

  it.each([
    ['a rate without a unit', '50'],
    ['a rate per day', '50/d'],
    ['a window over 24 h', '50/25h'],
    ['a quota of zero', '0/s'],
    ['a negative quota', '-5/s'],
    ['a fraction', '1.5/s'],
    ['a window of zero', '5/0s'],
    ['spaces inside a rate', '50 / s'],
    ['an unknown kind of key', 'metrics:5/s'],
    ['a kind given twice', 'user:5/s,user:6/s'],
    ['the default given twice', '5/s,6/s'],
    ['an empty entry', '5/s,'],
  ])('stops start-up on %s, naming the variable', (_, value) => {
    expect(() => read(value)).toThrow(ConfigError);
    expect(() => read(value)).toThrow(/^FORGESYTE_RATE_LIMIT /);
  });

  it.each(['5/s,', '5/s,,admin:off', ',user:5/s'])('names an empty entry in %s as the problem, not a rate given twice', (value) => {
    expect(() => read(value)).toThrow(/^FORGESYTE_RATE_LIMIT has an empty entry \(two commas in a row, or one at an end\): remove it\./);
  });

  it('says which forms it takes', () => {
    expect(() => read('fast')).toThrow("FORGESYTE_RATE_LIMIT must be a rate such as '50/s', '600/m' or '10000/h' for every key");
  });
});

describe('loadConfig with FORGESYTE_RATE_LIMIT', () => {
  it('is off by default, and read when set', () => {
    expect(loadConfig({}).rateLimit).toEqual({ admin: null, user: null });
    expect(loadConfig({ FORGESYTE_RATE_LIMIT: '50/s' }).rateLimit.user).toEqual({ name: 'default', quota: 50, windowSeconds: 1 });
  });

  it('stops start-up on a malformed value', () => {
    expect(() => loadConfig({ FORGESYTE_RATE_LIMIT: '50 per second' })).toThrow(/^FORGESYTE_RATE_LIMIT must be/);
  });
});
