import { chain, type Rule, type Tree } from '@angular-devkit/schematics';
import { transform } from './plugin-options';
import type { PluginOptions } from './plugin.schema';
import { addNestProject } from './rules/add-nest-project.rule';
import { addPathAlias } from './rules/add-path-alias.rule';
import { assertNewPlugin } from './rules/assert-new-plugin.rule';
import { generatePluginFiles } from './rules/generate-plugin-files.rule';
import { logNextSteps } from './rules/log-next-steps.rule';
import { assertRegistrable, registerShippedPlugin, resolveShippedPluginsFile } from './rules/register-shipped-plugin.rule';
import { vendorSdkTypes } from './rules/vendor-sdk-types.rule';
import { templateData } from './template-data';

/**
 * `nest g plugin <name>`: a plugin lib in libs/plugins/<name> (a starter tool with its JSON Schemas,
 * a spec through the ToolRunner, a README), registered in the shipped-plugin list, nest-cli.json and,
 * when aliases are per plugin, tsconfig.json; or, with `standalone`, a package of its own.
 * The options are checked before the tree is read; which list registers the plugin is read from the tree.
 */
export function main(options: PluginOptions): Rule {
  const normalized = transform(options);
  return (tree: Tree) => {
    const resolved = resolveShippedPluginsFile(tree, normalized);
    const data = templateData(resolved);
    if (resolved.standalone) {
      return chain([assertNewPlugin(resolved), generatePluginFiles(resolved, data), vendorSdkTypes(resolved), logNextSteps(resolved)]);
    }
    return chain([
      assertNewPlugin(resolved),
      assertRegistrable(resolved),
      generatePluginFiles(resolved, data),
      registerShippedPlugin(resolved),
      addNestProject(resolved),
      addPathAlias(resolved),
      logNextSteps(resolved),
    ]);
  };
}
