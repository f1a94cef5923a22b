import { ValidateIf } from 'class-validator';

/**
 * Checks the property only when it is sent. Unlike `@IsOptional()`, `null` is checked (and refused by
 * the type check): in JSON a `null` is a value, not an absent field.
 */
export const WhenPresent = (): PropertyDecorator => ValidateIf((_: object, value: unknown) => value !== undefined);
