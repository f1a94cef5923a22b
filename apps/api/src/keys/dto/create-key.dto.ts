import { ArrayMaxSize, ArrayNotEmpty, ArrayUnique, IsArray, IsDefined, IsIn, IsISO8601, IsString, Matches } from 'class-validator';
import { PLUGIN_NAME_PATTERN } from '@forgesyte/plugin-sdk';
import type { KeyScope } from '@forgesyte/keys';
import { WhenPresent } from '../../validation/when-present.decorator';
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
} from './key-rules';

/** The `limits` of a key on the wire; stored now, enforced by the per-key flow control. */
export interface KeyLimitsBody {
  readonly rate_per_minute?: number;
  readonly max_queued?: number;
}

// Decorators run from the bottom up, stopping at the first failure (see AnalyzeRequestDto).

/** The body of `POST /v1/keys`. */
export class CreateKeyDto {
  @IsKeyName()
  @IsString({ message: NAME_RULE })
  @IsDefined({ message: 'is required' })
  readonly name!: string;

  @IsIn(KEY_SCOPES, { each: true, message: SCOPES_RULE })
  @IsString({ each: true, message: SCOPES_RULE })
  @ArrayUnique({ message: 'must not name a scope twice' })
  @ArrayNotEmpty({ message: `must name at least one scope: ${KEY_SCOPES.join(', ')}` })
  @IsArray({ message: SCOPES_RULE })
  @IsDefined({ message: 'is required' })
  readonly scopes!: KeyScope[];

  @Matches(PLUGIN_NAME_PATTERN, { each: true, message: PLUGINS_RULE })
  @IsString({ each: true, message: PLUGINS_RULE })
  @ArrayMaxSize(MAX_ALLOW_LIST_ENTRIES, { message: PLUGINS_RULE })
  @ArrayNotEmpty({ message: `${PLUGINS_RULE} (an empty list would allow nothing)` })
  @IsArray({ message: PLUGINS_RULE })
  @WhenPresent()
  readonly plugins?: string[];

  @Matches(TOOL_ENTRY_PATTERN, { each: true, message: TOOLS_RULE })
  @IsString({ each: true, message: TOOLS_RULE })
  @ArrayMaxSize(MAX_ALLOW_LIST_ENTRIES, { message: TOOLS_RULE })
  @ArrayNotEmpty({ message: `${TOOLS_RULE} (an empty list would allow nothing)` })
  @IsArray({ message: TOOLS_RULE })
  @WhenPresent()
  readonly tools?: string[];

  @IsKeyLimits()
  @WhenPresent()
  readonly limits?: KeyLimitsBody;

  @Matches(DATE_TIME_PATTERN, { message: EXPIRES_RULE })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: EXPIRES_RULE })
  @IsString({ message: EXPIRES_RULE })
  @WhenPresent()
  readonly expires_at?: string;
}
