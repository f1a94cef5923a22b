import { toOpenApi31Schema } from './to-openapi-31-schema';

describe(toOpenApi31Schema.name, () => {
  it('turns a nullable type into a type list with null', () => {
    const schema = { type: 'string', nullable: true, format: 'date-time' };

    toOpenApi31Schema(schema);

    expect(schema).toEqual({ type: ['string', 'null'], format: 'date-time' });
  });

  it('adds null to the enum of a nullable enum', () => {
    const schema = { type: 'string', enum: ['a', 'b'], nullable: true };

    toOpenApi31Schema(schema);

    expect(schema).toEqual({ type: ['string', 'null'], enum: ['a', 'b', null] });
  });

  it("wraps a nullable reference (swagger's allOf with type object) in a oneOf with null, keeping its description", () => {
    const schema = { type: 'object', nullable: true, description: 'progress', allOf: [{ $ref: '#/components/schemas/P' }] };

    toOpenApi31Schema(schema);

    expect(schema).toEqual({ oneOf: [{ $ref: '#/components/schemas/P' }, { type: 'null' }], description: 'progress' });
  });

  it('walks properties, items and compositions, and leaves examples alone', () => {
    const schema = {
      type: 'object',
      properties: { list: { type: 'array', items: { type: 'number', nullable: true } } },
      anyOf: [{ type: 'integer', nullable: true }],
      example: { nullable: true },
    };

    toOpenApi31Schema(schema);

    expect(schema).toEqual({
      type: 'object',
      properties: { list: { type: 'array', items: { type: ['number', 'null'] } } },
      anyOf: [{ type: ['integer', 'null'] }],
      example: { nullable: true },
    });
  });

  it('drops nullable: false', () => {
    const schema = { type: 'string', nullable: false };

    toOpenApi31Schema(schema);

    expect(schema).toEqual({ type: 'string' });
  });
});
