import { RequestInvalidError } from '@forgesyte/errors';
import { JsonSchemaCompiler, type SchemaValidator, summarizeViolations, violationDetails } from '@forgesyte/registry';

/**
 * Checks a request part (`body` or `query`) against a JSON Schema compiled once, and fails with
 * `REQUEST_INVALID` listing the first 100 violations (with `violation_count` and `truncated`). Not a Nest
 * pipe: called inside the analyze body's param decorator and `ListJobsQueryPipe`.
 */
export class JsonSchemaCheck<T> {
  private readonly validate: SchemaValidator;

  constructor(
    private readonly part: 'body' | 'query',
    schema: object,
  ) {
    this.validate = new JsonSchemaCompiler().compile(schema);
  }

  /** `value` typed as `T` when it matches the schema; else throws `REQUEST_INVALID`. */
  check(value: unknown): T {
    if (value === undefined) {
      throw new RequestInvalidError('The request has no JSON body. Send a JSON object with Content-Type: application/json.');
    }
    const violations = this.validate(value);
    if (violations.length > 0) {
      throw new RequestInvalidError(`The request ${this.part} is invalid: ${summarizeViolations(violations)}; see details.violations.`, {
        details: violationDetails(violations),
      });
    }
    return value as T;
  }
}
