import type { Rule, SchematicContext } from '@angular-devkit/schematics';
import type { ResolvedPluginOptions } from '../plugin-options';

/**
 * The command that runs the specs of the in-repo plugin in `directory`, and only those: a bare path after
 * `--selectProjects unit` would be read as a second project name, running every unit suite.
 */
export function specCommand(directory: string): string {
  return `npx jest --selectProjects unit --testPathPatterns ${directory}/`;
}

/** Tells the author what to run next; the generated README says the same at more length. */
export function logNextSteps(options: ResolvedPluginOptions): Rule {
  return (_tree, context: SchematicContext) => {
    const steps = options.standalone
      ? [`cd ${options.directory === '' ? '.' : options.directory} && npm install && npm run build && npm test && npm run lint`]
      : [
          ...(options.spec ? [specCommand(options.directory)] : []),
          // The committed OpenAPI document lists every shipped plugin's tools: a test fails while it is stale.
          `${options.register ? '' : `import it in ${options.shippedPluginsFile} and list it in SHIPPED_PLUGINS with its module file ({ plugin, moduleFile: require.resolve(...) }), then `}npm run openapi`,
          'npm start',
        ];
    context.logger.info(`Next steps for ${options.name}: ${steps.join('; then ')}`);
  };
}
