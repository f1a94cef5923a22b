import { IsString, Matches } from 'class-validator';

/**
 * How a plugin is named in a URL: its name (the SDK's `PLUGIN_NAME_PATTERN`) or, for a plugin without
 * a usable name, the file or package name it is listed under (`broken.plugin.js`): 1 to 255 characters,
 * no control characters.
 */
export const PLUGIN_URL_NAME_PATTERN = /^\P{Cc}{1,255}$/u;

/** The path parameters of `/v1/plugins/{name}` routes. A name that cannot exist names no plugin: 404 `PLUGIN_NOT_FOUND`. */
export class PluginNameParams {
  @Matches(PLUGIN_URL_NAME_PATTERN, { message: 'must be a plugin name as GET /v1/plugins lists it (1 to 255 characters)' })
  @IsString({ message: 'must be a plugin name as GET /v1/plugins lists it' })
  readonly name!: string;
}
