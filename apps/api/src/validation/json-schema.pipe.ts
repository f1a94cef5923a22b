import { type PipeTransform } from '@nestjs/common';
import { RequestInvalidError } from '@forgesyte/errors';
import { JsonSchemaCompiler, type SchemaValidator } from '@forgesyte/registry';

/**
 * Validates a request part (`body` or `query`) against a JSON Schema compiled once, and fails with
 * `REQUEST_INVALID` listing every violation.
 */
export class JsonSchemaPipe<T> implements PipeTransform<unknown, T> {
  private readonly validate: SchemaValidator;

  constructor(
    private readonly part: 'body' | 'query',
    schema: object,
  ) {
    this.validate = new JsonSchemaCompiler().compile(schema);
  }

  transform(value: unknown): T {
    if (value === undefined) {
      throw new RequestInvalidError('The request has no JSON body. Send a JSON object with Content-Type: application/json.');
    }
    const violations = this.validate(value);
    if (violations.length > 0) {
      const [first] = violations;
      const more = violations.length > 1 ? ` (and ${violations.length - 1} more; see details.violations)` : '';
      throw new RequestInvalidError(`The request ${this.part} is invalid: ${first.path} ${first.message}${more}.`, {
        details: { violations },
      });
    }
    return value as T;
  }
}
