import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsIn, IsISO8601, IsString, Matches } from 'class-validator';
import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import type { KeyScope } from '@forgesyte/keys';
import { WhenPresent } from '../../validation/when-present.decorator';
import type { KeyLimitsBody } from './create-key.dto';
import {
  DATE_TIME_PATTERN,
  EXPIRES_RULE,
  IsKeyLimits,
  KEY_SCOPES,
  MAX_ALLOW_LIST_ENTRIES,
  IsKeyName,
  NAME_RULE,
  PLUGINS_RULE,
  SCOPES_RULE,
  TOOL_ENTRY_PATTERN,
  TOOLS_RULE,
  WhenNotNull,
} from './key-rules';

// Decorators run from the bottom up, stopping at the first failure (see AnalyzeRequestDto).

/**
 * The body of `PATCH /v1/keys/{id}`: the fields to change, at least one. `null` clears an allow-list
 * (every plugin or tool), the limits or the expiry; the name and scopes cannot be null.
 */
export class UpdateKeyDto {
  @IsKeyName()
  @IsString({ message: NAME_RULE })
  @WhenPresent()
  readonly name?: string;

  @IsIn(KEY_SCOPES, { each: true, message: SCOPES_RULE })
  @IsString({ each: true, message: SCOPES_RULE })
  @ArrayUnique({ message: 'must not name a scope twice' })
  @ArrayNotEmpty({ message: `must name at least one scope: ${KEY_SCOPES.join(', ')}` })
  @IsArray({ message: SCOPES_RULE })
  @WhenPresent()
  readonly scopes?: KeyScope[];

  @Matches(PLUGIN_NAME_PATTERN, { each: true, message: PLUGINS_RULE })
  @IsString({ each: true, message: PLUGINS_RULE })
  @ArrayMaxSize(MAX_ALLOW_LIST_ENTRIES, { message: PLUGINS_RULE })
  @ArrayNotEmpty({ message: `${PLUGINS_RULE} (an empty list would allow nothing)` })
  @IsArray({ message: PLUGINS_RULE })
  @WhenNotNull()
  readonly plugins?: string[] | null;

  @Matches(TOOL_ENTRY_PATTERN, { each: true, message: TOOLS_RULE })
  @IsString({ each: true, message: TOOLS_RULE })
  @ArrayMaxSize(MAX_ALLOW_LIST_ENTRIES, { message: TOOLS_RULE })
  @ArrayNotEmpty({ message: `${TOOLS_RULE} (an empty list would allow nothing)` })
  @IsArray({ message: TOOLS_RULE })
  @WhenNotNull()
  readonly tools?: string[] | null;

  @IsKeyLimits()
  @WhenNotNull()
  readonly limits?: KeyLimitsBody | null;

  @Matches(DATE_TIME_PATTERN, { message: EXPIRES_RULE })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: EXPIRES_RULE })
  @IsString({ message: EXPIRES_RULE })
  @WhenNotNull()
  readonly expires_at?: string | null;
}
