import { JsonShapeCheck } from './json-shape-check';

const DEFAULT_LIMITS = { maxDepth: 64, maxKeys: 10_000, maxContainers: 100_000, maxValues: 1_000_000 };

describe(JsonShapeCheck.name, () => {
  const check = new JsonShapeCheck({ maxDepth: 4, maxKeys: 3, maxContainers: 1000, maxValues: 1000 });
  const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
  const objectWith = (keys: number) => `{${Array.from({ length: keys }, (_, index) => `"k${index}":${index}`).join(',')}}`;
  const shapeOf = (text: string) => check.violationOf(Buffer.from(text));

  it('accepts nesting up to the depth limit, the body itself being level 1', () => {
    expect(shapeOf(nested(4))).toBeUndefined();
    expect(shapeOf('{"a":{"b":[{"c":1}]}}')).toBeUndefined();
  });

  it('refuses nesting one level past the limit', () => {
    expect(shapeOf(nested(5))).toBe('depth');
    expect(shapeOf('{"a":{"b":[{"c":[]}]}}')).toBe('depth');
  });

  it('counts depth again after a nested value closes', () => {
    expect(shapeOf(`[${nested(3)},${nested(3)},${nested(3)}]`)).toBeUndefined();
  });

  it('accepts an object with as many members as the limit', () => {
    expect(shapeOf(objectWith(3))).toBeUndefined();
  });

  it('refuses an object with one member past the limit', () => {
    expect(shapeOf(objectWith(4))).toBe('keys');
    expect(shapeOf(`{"args":${objectWith(4)}}`)).toBe('keys');
  });

  it('counts members per object, not per body', () => {
    expect(shapeOf(`{"a":${objectWith(3)},"b":${objectWith(3)},"c":${objectWith(3)}}`)).toBeUndefined();
  });

  it('does not count array elements as members', () => {
    expect(shapeOf('[1,2,3,4,5,6,7,8]')).toBeUndefined();
  });

  it('ignores brackets, braces and colons inside strings', () => {
    expect(shapeOf(`{"a":"${'[{:'.repeat(50)}"}`)).toBeUndefined();
    expect(shapeOf(`{"[[[[[[":":::::","b":"}}}}"}`)).toBeUndefined();
  });

  it('skips a long string and still counts what follows it', () => {
    expect(shapeOf(`["${'x'.repeat(1000)}",[[[[]]]]]`)).toBe('depth');
    expect(shapeOf(`["${'\\"'.repeat(100)}",[[[]]]]`)).toBeUndefined();
  });

  it('reads multi-byte characters as string content', () => {
    expect(shapeOf('{"ключ":"значение [[[[[[","鍵":"{{{{{{"}')).toBeUndefined();
  });

  it('tells an escaped quote from the end of a string', () => {
    expect(shapeOf(String.raw`{"a":"x\"[[[[[[\"y"}`)).toBeUndefined();
    expect(shapeOf(String.raw`{"a":"x\\"}`)).toBeUndefined();
    expect(shapeOf(String.raw`["x\\",[[[[[]]]]]]`)).toBe('depth');
  });

  it('leaves text that is not JSON to the parser', () => {
    expect(shapeOf('{"a": "never closed')).toBeUndefined();
    expect(shapeOf(']]]]}}}')).toBeUndefined();
    expect(shapeOf('')).toBeUndefined();
  });

  it('stops at the limit: seven million nested brackets and a million members are refused in milliseconds', () => {
    const deep = new JsonShapeCheck(DEFAULT_LIMITS);
    const bodies = [Buffer.alloc(7_000_000, '['), Buffer.from(objectWith(1_000_000))];
    const started = performance.now();

    expect(bodies.map((body) => deep.violationOf(body))).toEqual(['depth', 'keys']);
    expect(performance.now() - started).toBeLessThan(200);
  });

  it('refuses a body of five million empty objects, or seven million numbers, in milliseconds', () => {
    const limits = new JsonShapeCheck(DEFAULT_LIMITS);
    const objects = Buffer.from(`{"args":{"x":[${'{},'.repeat(5_000_000)}{}]}}`);
    const numbers = Buffer.from(`{"args":{"x":[${'1,'.repeat(7_000_000)}1]}}`);
    const started = performance.now();

    expect([limits.violationOf(objects), limits.violationOf(numbers)]).toEqual(['containers', 'values']);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('counts arrays and objects across the whole body, not per level', () => {
    const shapeOf = (text: string) => new JsonShapeCheck({ maxDepth: 4, maxKeys: 3, maxContainers: 6, maxValues: 1000 }).violationOf(Buffer.from(text));

    expect(shapeOf('[[],[],[],[],[]]')).toBeUndefined();
    expect(shapeOf('[[],[],[],[],[],[]]')).toBe('containers');
    expect(shapeOf('[{},[[]],{"a":{}},{}]')).toBe('containers');
  });

  it('counts values across the whole body, members and items alike, but not commas inside strings', () => {
    const shapeOf = (text: string) => new JsonShapeCheck({ maxDepth: 4, maxKeys: 3, maxContainers: 1000, maxValues: 8 }).violationOf(Buffer.from(text));

    expect(shapeOf('[1,2,3,4,5,6,7,8]')).toBeUndefined();
    expect(shapeOf('[1,2,3,4,5,6,7,8,9]')).toBe('values');
    expect(shapeOf('{"a":[1,2],"b":[3,4,5],"c":[6,7,8,9]}')).toBe('values');
    expect(shapeOf('["a,b,c,d,e,f,g,h,i,j,k"]')).toBeUndefined();
  });

  it('scans a 16 MB string in one pass', () => {
    const image = Buffer.from(`{"plugin":"p","image":"${'QUJD'.repeat(4 * 1024 * 1024)}","mime_type":"image/png"}`);
    const started = performance.now();

    expect(new JsonShapeCheck(DEFAULT_LIMITS).violationOf(image)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
