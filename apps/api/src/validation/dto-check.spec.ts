import { RequestInvalidError } from '@forgesyte/errors';
import { IsArray, IsDefined, IsInt, IsObject, IsString, ValidateNested } from 'class-validator';
import { DtoCheck } from './dto-check';
import { WhenPresent } from './when-present.decorator';

class Shape {
  @IsString({ message: 'must be a string' })
  @IsDefined({ message: 'is required' })
  readonly name!: string;

  @IsArray({ message: 'must be an array' })
  @WhenPresent()
  readonly points?: unknown[];

  @IsObject({ message: 'must be an object' })
  @WhenPresent()
  readonly extra?: Record<string, unknown>;

  @IsString({ message: 'must be a string' })
  @WhenPresent()
  readonly label?: string;
}

function errorOf(run: () => unknown): RequestInvalidError {
  try {
    run();
  } catch (error) {
    if (error instanceof RequestInvalidError) return error;
    throw error;
  }
  throw new Error('expected REQUEST_INVALID');
}

function manyKeys(count: number): Record<string, number> {
  const keys: Record<string, number> = {};
  for (let i = 0; i < count; i += 1) keys[`k${i}`] = i;
  return keys;
}

describe(DtoCheck.name, () => {
  const check = new DtoCheck('body', Shape);

  it('returns an instance of the DTO holding the values sent', () => {
    const shape = check.check({ name: 'square', points: [{ x: 0, y: 1 }] });

    expect(shape).toBeInstanceOf(Shape);
    expect(shape).toMatchObject({ name: 'square', points: [{ x: 0, y: 1 }] });
  });

  it('refuses an unknown field named like an Object.prototype method, instead of dropping it', () => {
    const error = errorOf(() => check.check(JSON.parse('{"name":"a","hasOwnProperty":1,"toString":2}')));

    expect(error.details).toEqual({
      violations: [
        { path: '/hasOwnProperty', message: 'is not an allowed property; remove it' },
        { path: '/toString', message: 'is not an allowed property; remove it' },
      ],
      violation_count: 2,
      truncated: false,
    });
  });

  it('hands nested values on as the very objects sent: not copied, no key dropped', () => {
    const extra = JSON.parse('{"toString":1,"valueOf":{"hasOwnProperty":2},"list":[{"constructorX":3}]}') as Record<string, unknown>;
    const points = [{ x: 1 }];

    const shape = check.check({ name: 'a', extra, points });

    expect(shape.extra).toBe(extra);
    expect(shape.points).toBe(points);
    expect(Object.keys(shape.extra ?? {})).toEqual(['toString', 'valueOf', 'list']);
  });

  it('refuses a nested DTO, which a shallow copy cannot build, when it is given', () => {
    class Point {
      @IsInt({ message: 'must be a whole number' })
      readonly x!: number;
    }
    class Path {
      @ValidateNested({ each: true })
      readonly points!: Point[];
    }

    expect(() => new DtoCheck('body', Path)).toThrow('Path.points is a nested DTO (@ValidateNested), which DtoCheck does not build');
  });

  it('converts nothing implicitly: a number where a string goes is refused, not stringified', () => {
    expect(errorOf(() => check.check({ name: 5 })).details).toEqual({
      violations: [{ path: '/name', message: 'must be a string' }],
      violation_count: 1,
      truncated: false,
    });
  });

  it('reports a missing field once, as required', () => {
    expect(errorOf(() => check.check({})).details).toMatchObject({ violations: [{ path: '/name', message: 'is required' }] });
  });

  it('checks a null optional field rather than treating it as absent', () => {
    expect(errorOf(() => check.check({ name: 'a', label: null })).details).toMatchObject({ violations: [{ path: '/label', message: 'must be a string' }] });
  });

  it('names the part and the first violation in the message, and how many more there are', () => {
    expect(errorOf(() => check.check({ name: 1, label: 2 })).message).toBe('The request body is invalid: /name must be a string (and 1 more); see details.violations.');
  });

  it('refuses unknown fields, naming each', () => {
    expect(errorOf(() => check.check({ name: 'a', colour: 'red', size: 2 })).details).toMatchObject({
      violations: [
        { path: '/colour', message: 'is not an allowed property; remove it' },
        { path: '/size', message: 'is not an allowed property; remove it' },
      ],
    });
  });

  it('escapes / and ~ in property names', () => {
    expect(errorOf(() => check.check({ name: 'a', 'a/b~c': 1 })).details).toMatchObject({ violations: [{ path: '/a~1b~0c' }] });
  });

  it.each([
    ['{"name":"a","__proto__":{"admin":true}}', '/__proto__'],
    ['{"name":"a","constructor":{"prototype":{}}}', '/constructor'],
    ['{"name":"a","prototype":{}}', '/prototype'],
    ['{"name":"a","points":[{"x":1,"y":2,"constructor":1}]}', '/points/0/constructor'],
    ['{"name":"a","extra":{"constructor":"x"}}', '/extra/constructor'],
  ])('refuses the prototype-polluting %s, pointing at the key, instead of dropping it or failing', (json, path) => {
    const error = errorOf(() => check.check(JSON.parse(json)));

    expect(error.details).toEqual({ violations: [{ path, message: expect.stringMatching(/^is a forbidden key .*; rename or remove it$/) }], violation_count: 1, truncated: false });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it.each([
    ['an array', [1, 2]],
    ['a string', 'name'],
    ['a number', 5],
    ['null', null],
  ])('refuses %s where an object goes, at the root', (_, value) => {
    expect(errorOf(() => check.check(value)).details).toMatchObject({ violations: [{ path: '/', message: 'must be a JSON object' }] });
  });

  it('refuses an array where an object goes, at the property', () => {
    expect(errorOf(() => check.check({ name: 'a', extra: [1, 2] })).details).toMatchObject({ violations: [{ path: '/extra', message: 'must be an object' }] });
  });

  it('lists the first 100 violations and counts them all', () => {
    const error = errorOf(() => check.check({ name: 'a', ...manyKeys(5000) }));
    const details = error.details as { violations: Array<{ path: string }>; violation_count: number; truncated: boolean };

    expect(details.violations).toHaveLength(100);
    expect(details.violations[0]).toEqual({ path: '/k0', message: 'is not an allowed property; remove it' });
    expect(details).toMatchObject({ violation_count: 5000, truncated: true });
    expect(error.message).toBe('The request body is invalid: /k0 is not an allowed property; remove it (and 4999 more); see details.violations.');
  });

  it('clips a kilobytes-long property name in its violation', () => {
    const error = errorOf(() => check.check({ name: 'a', ['k'.repeat(10_000)]: 1 }));

    expect((error.details as { violations: Array<{ path: string }> }).violations[0].path.length).toBeLessThanOrEqual(301);
  });

  it('inspects without throwing', () => {
    expect(check.inspect({ name: 'a' })).toMatchObject({ valid: true, dto: { name: 'a' } });
    expect(check.inspect({})).toMatchObject({ valid: false, violations: [{ path: '/name', message: 'is required' }] });
  });
});
