import { ApiProperty } from '@nestjs/swagger';
import { ERROR_CODES, type ErrorBody, type ErrorCode, type ErrorEnvelope, type ErrorType } from '@forgesyte/errors';
import { notAnObjectError } from '../http/parse-json-body';
import { EXAMPLE_REQUEST_ID, EXAMPLE_TIMESTAMP } from '../openapi/example-values';

/** Every error family, as a record so that tsc fails when {@link ErrorType} gains one not listed here. */
const ERROR_TYPE_SET: Readonly<Record<ErrorType, true>> = {
  ValidationError: true,
  PluginError: true,
  ExecutionError: true,
  AuthError: true,
  NotFoundError: true,
  ConflictError: true,
  RateLimitError: true,
  InternalError: true,
};

/** An error as plain data: stored with a failed job, and the core of every envelope. */
export class ErrorBodyResponse implements ErrorBody {
  @ApiProperty({ enum: ERROR_CODES, enumName: 'ErrorCode', example: 'REQUEST_INVALID' })
  readonly code!: ErrorCode;

  @ApiProperty({ enum: Object.keys(ERROR_TYPE_SET), enumName: 'ErrorType', example: 'ValidationError' })
  readonly type!: ErrorType;

  @ApiProperty({ description: 'What went wrong and how to fix it.', example: notAnObjectError([]).message })
  readonly message!: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'Code-specific facts, e.g. `violations` (`{path, message}`), `retry_after_seconds`, `timeout_ms`.',
    example: {},
  })
  readonly details!: Readonly<Record<string, unknown>>;

  @ApiProperty({ type: String, nullable: true, example: null })
  readonly plugin!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  readonly tool!: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  readonly job_id!: string | null;

  @ApiProperty({ description: 'Whether sending the same request again may succeed.', example: false })
  readonly retryable!: boolean;
}

/** The error inside every non-2xx body: {@link ErrorBodyResponse} plus the request's id and time. */
export class EnvelopeErrorResponse extends ErrorBodyResponse {
  @ApiProperty({ description: 'The X-Request-Id of the response: quote it when reporting a problem.', example: EXAMPLE_REQUEST_ID })
  readonly request_id!: string;

  @ApiProperty({ format: 'date-time', example: EXAMPLE_TIMESTAMP })
  readonly timestamp!: string;
}

/** The one body of every non-2xx response, from every route, guard, body parser and unknown route. */
export class ErrorEnvelopeResponse implements ErrorEnvelope {
  @ApiProperty({ type: () => EnvelopeErrorResponse })
  readonly error!: EnvelopeErrorResponse;
}
