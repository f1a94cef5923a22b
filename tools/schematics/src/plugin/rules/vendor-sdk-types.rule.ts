import { posix } from 'node:path';
import type { Rule, Tree } from '@angular-devkit/schematics';
import { sdkSources } from '../forgesyte-checkout';
import type { NormalizedPluginOptions } from '../plugin-options';
import { sdkTestingModules, sdkTypeDeclarations } from '../sdk-declarations';

/**
 * Writes the SDK's type declarations into a standalone package's `types/plugin-sdk/`, which its
 * tsconfig maps `@forgesyte/plugin-sdk` to: the package type-checks without a path back to this
 * checkout, and eslint-plugin-forgesyte recognises the SDK's `Plugin` (declared in a `plugin-sdk` folder).
 * Beside them, the SDK's test harness (`@forgesyte/plugin-sdk/testing`) as JavaScript, for the package's tests.
 */
export function vendorSdkTypes(options: NormalizedPluginOptions): Rule {
  return (tree: Tree) => {
    const sources = sdkSources();
    for (const file of [...sdkTypeDeclarations(sources), ...sdkTestingModules(sources)]) {
      tree.create(posix.join(options.directory, 'types/plugin-sdk', file.fileName), file.text);
    }
  };
}
