import { strings } from '@angular-devkit/core';
import { apply, applyTemplates, chain, filter, mergeWith, move, noop, type Rule, url } from '@angular-devkit/schematics';
import type { NormalizedPluginOptions } from '../plugin-options';
import type { PluginTemplateData } from '../template-data';

/**
 * Renders `files/shared` (the tool and the entry point) and `files/lib` or `files/standalone` into the
 * plugin's folder. The default merge strategy fails on any existing file: nothing is overwritten.
 */
export function generatePluginFiles(options: NormalizedPluginOptions, data: PluginTemplateData): Rule {
  const sets = ['shared', options.standalone ? 'standalone' : 'lib'];
  return chain(
    sets.map((set) =>
      mergeWith(
        apply(url(`./files/${set}`), [
          options.spec ? noop() : filter((path) => !path.endsWith('.spec.ts.template')),
          applyTemplates({ ...strings, ...data }),
          move(options.directory),
        ]),
      ),
    ),
  );
}
