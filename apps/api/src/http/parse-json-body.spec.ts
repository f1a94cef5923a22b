import { JsonBodyParser } from './parse-json-body';

describe(JsonBodyParser.name, () => {
  const parser = new JsonBodyParser({ maxDepth: 8, maxKeys: 4, maxContainers: 20, maxValues: 30 });
  const parse = (text: string | Buffer) => parser.parse(typeof text === 'string' ? Buffer.from(text) : text);
  const refusal = (text: string | Buffer) => {
    try {
      parse(text);
    } catch (error) {
      return error as { code: string; message: string; details: object };
    }
    throw new Error('expected the body to be refused');
  };

  it('parses a JSON object', () => {
    expect(parse('{"plugin":"echo","args":{"message":"héllo"}}')).toEqual({ plugin: 'echo', args: { message: 'héllo' } });
  });

  it('reads an empty body as no body', () => {
    expect(parse('')).toBeUndefined();
  });

  it('refuses bytes that are not UTF-8 instead of replacing them', () => {
    const body = Buffer.concat([Buffer.from('{"plugin":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);

    expect(refusal(body)).toMatchObject({ code: 'REQUEST_INVALID', message: 'The request body is not valid UTF-8. Send JSON encoded as UTF-8.' });
  });

  it.each([
    ['null', 'null'],
    ['1', 'a number'],
    ['"x"', 'a string'],
    ['true', 'a boolean'],
    ['[]', 'an array'],
  ])('refuses the valid JSON %s as not an object, not as invalid JSON', (text, kind) => {
    expect(refusal(text)).toMatchObject({ code: 'REQUEST_INVALID', message: `The request body must be a JSON object such as {"plugin": "…"}; it is ${kind}.` });
  });

  it('refuses text that is not JSON, saying so', () => {
    expect(refusal('{"plugin": ').message).toMatch(/^The request body is not valid JSON \(.+\)\. Send a JSON object/);
  });

  it('refuses nesting past the depth limit before parsing, naming the variable', () => {
    expect(refusal(`{"args":${'['.repeat(8)}${']'.repeat(8)}}`)).toMatchObject({
      code: 'REQUEST_INVALID',
      message: expect.stringContaining('more than 8 levels deep') && expect.stringContaining('FORGESYTE_MAX_JSON_DEPTH'),
      details: { max_depth: 8 },
    });
  });

  it('refuses an object with too many members before parsing, naming the variable', () => {
    expect(refusal('{"args":{"a":1,"b":2,"c":3,"d":4,"e":5}}')).toMatchObject({
      code: 'REQUEST_INVALID',
      message: expect.stringContaining('FORGESYTE_MAX_JSON_KEYS'),
      details: { max_keys: 4 },
    });
  });

  it('refuses a body with too many arrays and objects before parsing, naming the variable', () => {
    expect(refusal(`{"args":{"x":[${'[],'.repeat(20)}[]]}}`)).toMatchObject({
      code: 'REQUEST_INVALID',
      message: expect.stringContaining('FORGESYTE_MAX_JSON_CONTAINERS'),
      details: { max_containers: 20 },
    });
  });

  it('refuses a body with too many values before parsing, naming the variable', () => {
    expect(refusal(`{"args":{"x":[${'0,'.repeat(30)}0]}}`)).toMatchObject({
      code: 'REQUEST_INVALID',
      message: expect.stringContaining('FORGESYTE_MAX_JSON_VALUES'),
      details: { max_values: 30 },
    });
  });

  it('refuses a prototype-polluting key with its path', () => {
    expect(refusal('{"args":{"__proto__":{"admin":true}}}').message).toMatch(/^The request body contains the forbidden key \/args\/__proto__\./);
  });
});
