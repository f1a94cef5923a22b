/**
 * Two lines every typed test case starts with: the SDK's `Plugin`, one plugin value and a context.
 * A case's own code therefore starts on line 3.
 */
export const SDK_PREAMBLE =
  "import { definePlugin, type Plugin, type ToolContext } from '@forgesyte/plugin-sdk';\n" +
  'declare const plugin: Plugin; declare const context: ToolContext;\n';

/** A typed test case's code: {@link SDK_PREAMBLE}, then `lines` (the first of them is line 3). */
export function withSdk(...lines: string[]): string {
  return SDK_PREAMBLE + lines.join('\n');
}
