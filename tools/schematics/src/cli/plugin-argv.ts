import { strings } from '@angular-devkit/core';

/** A JSON Schema of schematic options, as far as this module reads it. */
export interface OptionsSchema {
  readonly properties: Readonly<Record<string, { readonly type?: string }>>;
}

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = { true: true, false: false };

/**
 * The arguments for the schematics CLI, from what an author types. The CLI parses `--spec false` and
 * `--spec=false` as the string "false", which the schema refuses; for the schema's boolean options
 * they become `--spec`/`--no-spec`. `--debug=false` is added (unless given): the CLI turns on debug,
 * and with it dry runs, for a collection named by path, which is how this entry names its collection.
 */
export function pluginArgv(args: readonly string[], schema: OptionsSchema): string[] {
  const booleans = new Set(
    Object.entries(schema.properties)
      .filter(([, property]) => property.type === 'boolean')
      .map(([name]) => strings.dasherize(name)),
  );
  const result: string[] = [];
  for (let index = 0; index < args.length; index += 1) {
    const match = /^--([a-z][\w-]*)(?:=(.*))?$/i.exec(args[index]);
    const flag = match === null ? undefined : strings.dasherize(match[1]);
    if (flag === undefined || !booleans.has(flag)) {
      result.push(args[index]);
      continue;
    }
    let value = match?.[2];
    if (value === undefined && args[index + 1] !== undefined && args[index + 1] in BOOLEAN_WORDS) {
      index += 1;
      value = args[index];
    }
    result.push(value === undefined || BOOLEAN_WORDS[value] !== false ? `--${flag}` : `--no-${flag}`);
  }
  return args.some((arg) => /^--(no-)?debug(=|$)/.test(arg)) ? result : [...result, '--debug=false'];
}
