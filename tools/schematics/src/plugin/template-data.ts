import { strings } from '@angular-devkit/core';
import { checkoutPathFrom, pathFromCheckout, pinnedVersions } from './forgesyte-checkout';
import type { ResolvedPluginOptions } from './plugin-options';

/** What a standalone package installs, at the versions this checkout pins. */
export const STANDALONE_DEV_DEPENDENCIES = [
  '@types/jest',
  '@types/node',
  '@typescript-eslint/parser',
  '@typescript-eslint/utils',
  'ajv',
  'ajv-formats',
  'eslint',
  'jest',
  'json-schema-to-ts',
  'ts-jest',
  'typescript',
  'typescript-eslint',
] as const;

/** The names the templates in `files/` use, derived once from the options. */
export interface PluginTemplateData {
  readonly name: string;
  readonly tool: string;
  readonly isolation: 'inline' | 'worker';
  readonly spec: boolean;
  /** Whether the plugin is added to the shipped-plugin list, which is {@link shippedPluginsFile}. */
  readonly registered: boolean;
  readonly shippedPluginsFile: string;
  /** File stem of the tool's files: `extract-text` for `extract_text`. */
  readonly toolFile: string;
  /** The tool as a property key: `analyze`, or `'extract-text'` when it is not an identifier. */
  readonly toolKey: string;
  /** `acmeWidgetPlugin` */
  readonly pluginConst: string;
  /** `AcmeWidgetToolName` */
  readonly toolNameType: string;
  /** `dispatchAcmeWidgetTool` */
  readonly dispatchFn: string;
  /** `analyzeTool` */
  readonly toolConst: string;
  /** `runAnalyze` */
  readonly toolFn: string;
  /** `AnalyzeInput` / `AnalyzeResult` */
  readonly toolInputType: string;
  readonly toolResultType: string;
  /** `analyzeInputSchema` / `analyzeOutputSchema` */
  readonly inputSchemaConst: string;
  readonly outputSchemaConst: string;
  /** Standalone only: the npm package name. */
  readonly packageName: string;
  /** Standalone only: this checkout as seen from the package's folder, e.g. `../forgesyte`. */
  readonly forgesyteRoot: string;
  /** Standalone only: the package's folder as seen from this checkout, as `FORGESYTE_PLUGINS` takes it, e.g. `./plugins-wip/acme-gadget`. */
  readonly packagePath: string;
  /** Standalone only: the package's devDependencies, sorted: the pins of {@link STANDALONE_DEV_DEPENDENCIES} and the ESLint plugin. */
  readonly devDependencies: Readonly<Record<string, string>>;
}

/** Derives every template name from the options; reads the checkout's pins only for a standalone package. */
export function templateData(options: ResolvedPluginOptions): PluginTemplateData {
  const toolCamel = strings.camelize(options.tool);
  const toolClass = strings.classify(options.tool);
  const forgesyteRoot = options.standalone ? checkoutPathFrom(options.directory) : '';
  return {
    name: options.name,
    tool: options.tool,
    isolation: options.isolation,
    spec: options.spec,
    registered: options.register,
    shippedPluginsFile: options.shippedPluginsFile,
    toolFile: strings.dasherize(options.tool),
    toolKey: /^[a-z_$][\w$]*$/i.test(options.tool) ? options.tool : `'${options.tool}'`,
    pluginConst: `${strings.camelize(options.name)}Plugin`,
    toolNameType: `${strings.classify(options.name)}ToolName`,
    dispatchFn: `dispatch${strings.classify(options.name)}Tool`,
    toolConst: `${toolCamel}Tool`,
    toolFn: `run${toolClass}`,
    toolInputType: `${toolClass}Input`,
    toolResultType: `${toolClass}Result`,
    inputSchemaConst: `${toolCamel}InputSchema`,
    outputSchemaConst: `${toolCamel}OutputSchema`,
    packageName: `forgesyte-plugin-${options.name}`,
    forgesyteRoot,
    packagePath: options.standalone ? pathFromCheckout(options.directory) : '',
    devDependencies: options.standalone ? standaloneDevDependencies(forgesyteRoot) : {},
  };
}

function standaloneDevDependencies(forgesyteRoot: string): Record<string, string> {
  const all = { ...pinnedVersions(STANDALONE_DEV_DEPENDENCIES), 'eslint-plugin-forgesyte': `file:${forgesyteRoot}/tools/eslint-plugin` };
  return Object.fromEntries(Object.entries(all).sort(([a], [b]) => a.localeCompare(b)));
}
