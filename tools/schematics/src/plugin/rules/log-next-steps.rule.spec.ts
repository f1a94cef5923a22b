import { SchematicTestRunner } from '@angular-devkit/schematics/testing';
import type { PluginOptions } from '../plugin.schema';
import { COLLECTION_PATH, repoTree } from '../../testing/plugin-test-tree';

/** The lines the schematic logs for `options`, on a repository-shaped tree. */
async function loggedLines(options: PluginOptions): Promise<string[]> {
  const runner = new SchematicTestRunner('@forgesyte/schematics', COLLECTION_PATH);
  const lines: string[] = [];
  runner.logger.subscribe((entry) => lines.push(entry.message));
  await runner.runSchematic('plugin', options, repoTree());
  return lines;
}

describe('logNextSteps', () => {
  it('prints the command that runs the new plugin’s spec alone (--testPathPatterns, not a bare path jest reads as a project)', async () => {
    const lines = await loggedLines({ name: 'grey-mean' });

    expect(lines).toContain(
      'Next steps for grey-mean: npx jest --selectProjects unit --testPathPatterns libs/plugins/grey-mean/; then npm run openapi; then npm start',
    );
  });

  it('prints no spec command when no spec was generated', async () => {
    const lines = await loggedLines({ name: 'grey-mean', spec: false });

    expect(lines).toContain('Next steps for grey-mean: npm run openapi; then npm start');
  });

  it('says the same command in the generated README', async () => {
    const runner = new SchematicTestRunner('@forgesyte/schematics', COLLECTION_PATH);
    const tree = await runner.runSchematic('plugin', { name: 'grey-mean' }, repoTree());

    expect(tree.readText('libs/plugins/grey-mean/README.md')).toContain(
      'Run the spec with `npx jest --selectProjects unit --testPathPatterns libs/plugins/grey-mean/`.',
    );
  });
});
