import { violationsOf } from './validation-violations';

describe(violationsOf.name, () => {
  it("points into nested properties with JSON Pointers, in the order found, and uses class-validator's own messages for its built-in constraints", () => {
    const violations = violationsOf([
      {
        property: 'points',
        children: [
          {
            property: '1',
            constraints: { isObject: 'must be an object' },
            children: [{ property: 'z', constraints: { whitelistValidation: 'property z should not exist' } }],
          },
        ],
      },
    ]);

    expect([...violations]).toEqual([
      { path: '/points/1', message: 'must be an object' },
      { path: '/points/1/z', message: 'is not an allowed property; remove it' },
    ]);
    expect(violations.total).toBe(2);
  });

  it('puts a violation of the value itself at the root pointer, under a prefix when given', () => {
    expect([...violationsOf([{ constraints: { unknownValue: 'an unknown value was passed' } }])]).toEqual([{ path: '/', message: 'must be a JSON object' }]);
    expect([...violationsOf([{ constraints: { forbiddenKey: 'is forbidden' } }], '/args/constructor')]).toEqual([{ path: '/args/constructor', message: 'is forbidden' }]);
  });
});
