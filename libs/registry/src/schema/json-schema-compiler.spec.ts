import { FULL_CHECK_MAX_VALUES, JsonSchemaCompiler } from './json-schema-compiler';

const person = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'address'],
  properties: {
    name: { type: 'string' },
    age: { type: 'integer', minimum: 0 },
    color: { enum: ['red', 'green'] },
    tags: { type: 'array', items: { type: 'string' } },
    address: {
      type: 'object',
      required: ['city'],
      properties: { city: { type: 'string' } },
    },
  },
};

function validatorFor(schema: object) {
  return new JsonSchemaCompiler().compile(schema);
}

describe(JsonSchemaCompiler.name, () => {
  describe('validation', () => {
    it('reports no violations for a valid value', () => {
      expect(validatorFor(person)({ name: 'Ada', address: { city: 'London' } })).toEqual([]);
    });

    it('reports a missing required property at its own JSON Pointer with "is required"', () => {
      expect(validatorFor(person)({ name: 'Ada', address: {} })).toEqual([{ path: '/address/city', message: 'is required' }]);
    });

    it('reports a missing required top-level property under the root pointer', () => {
      expect(validatorFor(person)({ address: { city: 'Paris' } })).toEqual([{ path: '/name', message: 'is required' }]);
    });

    it('reports an unknown property at its pointer and says to remove it', () => {
      expect(validatorFor(person)({ name: 'Ada', address: { city: 'Rome' }, nickname: 'A' })).toEqual([
        { path: '/nickname', message: 'is not an allowed property; remove it' },
      ]);
    });

    it('lists the allowed values of an enum', () => {
      expect(validatorFor(person)({ name: 'Ada', address: { city: 'Oslo' }, color: 'blue' })).toEqual([
        { path: '/color', message: 'must be one of: red, green' },
      ]);
    });

    it("uses Ajv's message for other keywords, at the value's pointer", () => {
      expect(validatorFor(person)({ name: 'Ada', address: { city: 'Bern' }, age: -1 })).toEqual([
        { path: '/age', message: 'must be >= 0' },
      ]);
    });

    it('points into arrays by index', () => {
      expect(validatorFor(person)({ name: 'Ada', address: { city: 'Lima' }, tags: ['a', 7] })).toEqual([
        { path: '/tags/1', message: 'must be string' },
      ]);
    });

    it('reports every violation, not just the first', () => {
      const violations = validatorFor(person)({ age: 'old', color: 'blue', extra: true, address: {} });

      expect(violations).toEqual(
        expect.arrayContaining([
          { path: '/name', message: 'is required' },
          { path: '/extra', message: 'is not an allowed property; remove it' },
          { path: '/age', message: 'must be integer' },
          { path: '/color', message: 'must be one of: red, green' },
          { path: '/address/city', message: 'is required' },
        ]),
      );
      expect(violations).toHaveLength(5);
    });

    it('escapes "/" and "~" in the name of a missing required property, as JSON Pointer requires', () => {
      const validate = validatorFor({ type: 'object', required: ['a/b~c'] });

      expect(validate({})).toEqual([{ path: '/a~1b~0c', message: 'is required' }]);
    });

    it('escapes "/" and "~" in the name of an unknown property, as JSON Pointer requires', () => {
      const validate = validatorFor({ type: 'object', additionalProperties: false });

      expect(validate({ 'e~f/g': true })).toEqual([{ path: '/e~0f~1g', message: 'is not an allowed property; remove it' }]);
    });

    it('escapes "/" and "~" in the pointer of a nested value', () => {
      const validate = validatorFor({ type: 'object', properties: { 'c~d/e': { type: 'string' } } });

      expect(validate({ 'c~d/e': 1 })).toEqual([{ path: '/c~0d~1e', message: 'must be string' }]);
    });

    it('gives independent results for successive values', () => {
      const validate = validatorFor(person);

      const first = validate({ address: {} });
      const second = validate({ name: 'Ada', address: { city: 'Kyiv' } });

      expect(first).toHaveLength(2);
      expect(second).toEqual([]);
    });
  });

  describe('bounds', () => {
    const closed = { type: 'object', additionalProperties: false, properties: { a: { type: 'string' } } };

    function withUnknownKeys(count: number): Record<string, number> {
      const value: Record<string, number> = {};
      for (let i = 0; i < count; i += 1) value[`k${i}`] = i;
      return value;
    }

    it('counts every violation, but lists only the first 100', () => {
      const violations = validatorFor(closed)(withUnknownKeys(1000));

      expect(violations).toHaveLength(100);
      expect(violations.total).toBe(1000);
      expect(violations[0]).toEqual({ path: '/k0', message: 'is not an allowed property; remove it' });
    });

    it('gives the total of a short list too', () => {
      expect(validatorFor(person)({ address: {} }).total).toBe(2);
    });

    it('gives a total of 0 for a valid value', () => {
      expect(validatorFor(person)({ name: 'Ada', address: { city: 'Lima' } }).total).toBe(0);
    });

    it('reports only the first violation, with no total, of a value too large to check in full', () => {
      const violations = validatorFor(closed)(withUnknownKeys(FULL_CHECK_MAX_VALUES + 1));

      expect(violations).toEqual([{ path: '/k0', message: 'is not an allowed property; remove it' }]);
      expect(violations.total).toBeNull();
    });

    it('answers a million unknown keys in about one pass over them, with a bounded list', () => {
      const huge = withUnknownKeys(1_000_000);
      const started = performance.now();

      const violations = validatorFor(closed)(huge);

      const elapsedMs = performance.now() - started;
      expect(violations.length).toBeLessThanOrEqual(100);
      expect(JSON.stringify(violations).length).toBeLessThan(10_000);
      // Generous: the uncapped check took 2 s and more on the same machine, plus seconds to list them.
      expect(elapsedMs).toBeLessThan(5000);
    });

    it('still checks every item of a large valid array', () => {
      const validate = validatorFor({ type: 'array', items: { type: 'integer' } });
      const values = Array.from({ length: 100_000 }, (_, i) => i);

      expect(validate(values)).toEqual([]);
      values[99_999] = 0.5;
      expect(validate(values)).toEqual([{ path: '/99999', message: 'must be integer' }]);
    });

    it('cuts a huge property name in the pointer', () => {
      const [violation] = validatorFor(closed)({ ['x'.repeat(1_000_000)]: 1 });

      expect(violation.path.length).toBeLessThan(400);
    });
  });

  describe('formats', () => {
    const contact = {
      type: 'object',
      properties: { email: { type: 'string', format: 'email' }, at: { type: 'string', format: 'date-time' } },
    };

    it('accepts values in the declared formats', () => {
      expect(validatorFor(contact)({ email: 'ada@example.com', at: '2026-01-01T00:00:00Z' })).toEqual([]);
    });

    it('rejects a malformed email address', () => {
      expect(validatorFor(contact)({ email: 'not-an-email' })).toEqual([{ path: '/email', message: 'must match format "email"' }]);
    });

    it('rejects a malformed date-time', () => {
      expect(validatorFor(contact)({ at: 'yesterday' })).toEqual([{ path: '/at', message: 'must match format "date-time"' }]);
    });
  });

  describe('compilation', () => {
    it('throws for a schema that is not valid JSON Schema', () => {
      expect(() => new JsonSchemaCompiler().compile({ type: 'strnig' })).toThrow(/type/);
    });

    it('rejects unknown keywords in strict mode, so typos surface at registration', () => {
      expect(() => new JsonSchemaCompiler().compile({ type: 'object', propertees: { a: { type: 'string' } } })).toThrow(
        /unknown keyword: "propertees"/,
      );
    });

    it('rejects an unknown format', () => {
      expect(() => new JsonSchemaCompiler().compile({ type: 'string', format: 'e-mail' })).toThrow(/unknown format "e-mail"/);
    });

    it('compiles draft 2020-12 keywords such as prefixItems', () => {
      const validate = validatorFor({ type: 'array', prefixItems: [{ type: 'integer' }], items: false });

      expect(validate([1])).toEqual([]);
      expect(validate([1, 2])).toHaveLength(1);
    });

    it('keeps the $ids of different compilers apart', () => {
      const schema = { $id: 'https://example.com/shared.json', type: 'object' };
      new JsonSchemaCompiler().compile(schema);

      expect(() => new JsonSchemaCompiler().compile(schema)).not.toThrow();
    });
  });
});
