import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import { IsDefined, IsObject, IsString, Length, Matches } from 'class-validator';
import { WhenPresent } from '../../validation/when-present.decorator';

/** How a plugin name is spelled, for messages. */
export const PLUGIN_NAME_RULE = 'a lowercase letter, then up to 63 lowercase letters, digits or hyphens (GET /v1/plugins lists them)';

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

  /** Its media type: shorthand for `args.mime_type`. */
  @IsString({ message: 'must be a string: the media type of the image, such as "image/png"' })
  @WhenPresent()
  readonly mime_type?: string;
}
