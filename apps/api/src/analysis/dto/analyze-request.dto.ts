import { PLUGIN_NAME_PATTERN, RETRY_LIMITS } from '@forgesyte/plugin-sdk';
import { DEFAULT_JOB_PRIORITY, MAX_JOB_PRIORITY, MIN_JOB_PRIORITY } from '@forgesyte/execution';
import { IsDefined, IsInt, IsObject, IsString, Length, Matches, Max, Min } from 'class-validator';
import { WhenPresent } from '../../validation/when-present.decorator';

/** How a plugin name is spelled, for messages. */
export const PLUGIN_NAME_RULE = 'a lowercase letter, then up to 63 lowercase letters, digits or hyphens (GET /v1/plugins lists them)';

/** How `max_attempts` is spelled, for messages. */
export const MAX_ATTEMPTS_RULE = `must be a whole number from 1 to ${RETRY_LIMITS.maxAttempts}: the most attempts of an async job (its tool's retry policy may allow fewer); leave it out for as many as the tool allows`;

/** How a priority is spelled, for messages. */
export const PRIORITY_RULE = `must be a whole number from ${MIN_JOB_PRIORITY} (runs first) to ${MAX_JOB_PRIORITY} (runs last) among your waiting jobs; leave it out for ${DEFAULT_JOB_PRIORITY}`;

// class-validator checks a property's decorators from the bottom up and stops at the first failure:
// each property's type check is therefore the last decorator, its finer rules above it.

/** The body of both analyze endpoints (`POST /v1/analyze-execution` and `…/async`). */
export class AnalyzeRequestDto {
  @Matches(PLUGIN_NAME_PATTERN, { message: `must be a plugin name: ${PLUGIN_NAME_RULE}` })
  @IsString({ message: 'must be a string: the name of a plugin, such as "echo"' })
  @IsDefined({ message: 'is required' })
  readonly plugin!: string;

  @Length(1, 128, { message: "must be 1 to 128 characters: the name of one of the plugin's tools (GET /v1/plugins/{name} lists them)" })
  @IsString({ message: "must be a string: the name of one of the plugin's tools; leave it out for the plugin's default tool" })
  @WhenPresent()
  readonly tool?: string;

  /** The tool's arguments: an object the ToolRunner checks against the tool's input schema. */
  @IsObject({ message: 'must be a JSON object of the tool\'s arguments, such as {"message": "hi"}' })
  @WhenPresent()
  readonly args?: Readonly<Record<string, unknown>>;

  /** Base64 image: ForgeSyte's shorthand for `args.image`. */
  @IsString({ message: "must be a string: the image file's bytes in base64" })
  @WhenPresent()
  readonly image?: string;

  /** An async job's place among its key's waiting jobs (a sync call only records it). */
  @Max(MAX_JOB_PRIORITY, { message: PRIORITY_RULE })
  @Min(MIN_JOB_PRIORITY, { message: PRIORITY_RULE })
  @IsInt({ message: PRIORITY_RULE })
  @WhenPresent()
  readonly priority?: number;

  /** An async job's most attempts, lowered to its tool's `retry.attempts`; a sync call makes one attempt whatever it says. */
  @Max(RETRY_LIMITS.maxAttempts, { message: MAX_ATTEMPTS_RULE })
  @Min(1, { message: MAX_ATTEMPTS_RULE })
  @IsInt({ message: MAX_ATTEMPTS_RULE })
  @WhenPresent()
  readonly max_attempts?: number;

  /** Its media type: shorthand for `args.mime_type`. */
  @IsString({ message: 'must be a string: the media type of the image, such as "image/png"' })
  @WhenPresent()
  readonly mime_type?: string;
}
