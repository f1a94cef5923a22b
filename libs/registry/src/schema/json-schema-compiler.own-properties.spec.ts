import { JsonSchemaCompiler } from './json-schema-compiler';

/** Values whose prototype carries properties, as after `Object.prototype.polluted = …` (without touching the real one). */
const inheriting = (inherited: object, own: object): object => Object.assign(Object.create(inherited) as object, own);

describe(`${JsonSchemaCompiler.name}: inherited properties`, () => {
  const validate = new JsonSchemaCompiler().compile({
    type: 'object',
    additionalProperties: false,
    required: ['message'],
    properties: { message: { type: 'string' } },
  });

  it('ignores an inherited enumerable property under additionalProperties: false', () => {
    expect([...validate(inheriting({ polluted: 'yes' }, { message: 'hi' }))]).toEqual([]);
  });

  it('does not let an inherited property satisfy required', () => {
    expect([...validate(inheriting({ message: 'inherited' }, {}))]).toEqual([{ path: '/message', message: 'is required' }]);
  });
});
