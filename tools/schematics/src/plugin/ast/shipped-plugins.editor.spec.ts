import { shippedPluginEdits } from './shipped-plugins.editor';
import { applyEdits } from './text-edit';

const SPECIFIER = '@forgesyte/plugins/acme-widget';

function register(source: string, preferred = 'acmeWidget'): string {
  return applyEdits(source, shippedPluginEdits(source, 'shipped-plugins.ts', SPECIFIER, preferred));
}

describe(shippedPluginEdits.name, () => {
  it('adds the import after the last import and the element after the last one, on one line', () => {
    const source = "import a from 'a';\n\nexport const SHIPPED_PLUGINS = [a];\n";

    expect(register(source)).toBe(`import a from 'a';\nimport acmeWidget from '${SPECIFIER}';\n\nexport const SHIPPED_PLUGINS = [a, acmeWidget];\n`);
  });

  it('is idempotent: a second run changes nothing', () => {
    const once = register("import a from 'a';\nexport const SHIPPED_PLUGINS = [a];\n");

    expect(shippedPluginEdits(once, 'shipped-plugins.ts', SPECIFIER, 'acmeWidget')).toEqual([]);
  });

  it('reuses an existing default import of the plugin and only lists it', () => {
    const source = `import widget from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [];\n`;

    expect(register(source)).toBe(`import widget from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [widget];\n`);
  });

  it('adds one element per line to a multi-line array, with and without a trailing comma', () => {
    const withComma = "import a from 'a';\nexport const SHIPPED_PLUGINS = [\n  a,\n];\n";
    const without = "import a from 'a';\nexport const SHIPPED_PLUGINS = [\n    a\n];\n";

    expect(register(withComma)).toContain('= [\n  a,\n  acmeWidget,\n];');
    expect(register(without)).toContain('= [\n    a,\n    acmeWidget\n];');
  });

  it('reflows a one-line array to one element per line when the line would pass 120 characters', () => {
    const names = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh'];
    const source = `export const SHIPPED_PLUGINS: readonly PluginModuleExport[] = [${names.join(', ')}];\n`;

    expect(register(source)).toBe(
      `import acmeWidget from '${SPECIFIER}';\n\nexport const SHIPPED_PLUGINS: readonly PluginModuleExport[] = [\n` +
        [...names, 'acmeWidget'].map((name) => `  ${name},\n`).join('') +
        '];\n',
    );
  });

  it('keeps the quotes and semicolons of the file', () => {
    const source = 'import a from "a"\nexport const SHIPPED_PLUGINS = [a]\n';

    expect(register(source)).toBe(`import a from "a"\nimport acmeWidget from "${SPECIFIER}"\nexport const SHIPPED_PLUGINS = [a, acmeWidget]\n`);
  });

  it('finds the array through as, satisfies and parentheses', () => {
    const source = "import a from 'a';\nexport const SHIPPED_PLUGINS = ([a] as const) satisfies unknown[];\n";

    expect(register(source)).toContain('= ([a, acmeWidget] as const) satisfies unknown[];');
  });

  it('picks another local name when the preferred one is taken', () => {
    const source = "import acmeWidget from 'other';\nexport const SHIPPED_PLUGINS = [acmeWidget];\n";

    expect(register(source)).toBe(
      `import acmeWidget from 'other';\nimport acmeWidgetPlugin from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [acmeWidget, acmeWidgetPlugin];\n`,
    );
  });

  it('throws, saying what to do by hand, when there is no SHIPPED_PLUGINS array literal', () => {
    expect(() => register('export const SHIPPED_PLUGINS = loadAll();\n')).toThrow(
      `shipped-plugins.ts has no "SHIPPED_PLUGINS = [...]" array literal to register the plugin in: import it from '${SPECIFIER}' and list it there by hand.`,
    );
  });

  it('throws when the plugin module is imported as a type only, which cannot be listed as a value', () => {
    expect(() => register(`import type acmeWidget from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [];\n`)).toThrow(
      `imports '${SPECIFIER}' without a default import`,
    );
  });

  it('throws when the plugin module is imported without a default import', () => {
    expect(() => register(`import { acmeWidgetPlugin } from '${SPECIFIER}';\nexport const SHIPPED_PLUGINS = [];\n`)).toThrow(
      `imports '${SPECIFIER}' without a default import`,
    );
  });
});
