import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { SchematicTestRunner } from '@angular-devkit/schematics/testing';
import collectionJson from '../collection.json';
import { COLLECTION_PATH, repoTree } from './testing/plugin-test-tree';

describe('the @forgesyte/schematics collection', () => {
  const runner = new SchematicTestRunner('@forgesyte/schematics', COLLECTION_PATH);

  it('extends @nestjs/schematics and adds plugin', () => {
    expect(collectionJson.extends).toEqual(['@nestjs/schematics']);
    expect(Object.keys(collectionJson.schematics)).toEqual(['plugin']);
  });

  it('lists plugin beside every schematic of @nestjs/schematics, as `nest g --help` shows them', () => {
    const names = runner.engine.createCollection('@forgesyte/schematics').listSchematicNames();

    expect(names).toEqual(expect.arrayContaining(['plugin', 'module', 'service', 'controller', 'resource', 'library']));
  });

  it('still generates a Nest service (nest g service)', async () => {
    const tree = await runner.runSchematic('service', { name: 'foo', sourceRoot: 'apps/api/src', skipImport: true, spec: true }, repoTree());

    expect(tree.readContent('apps/api/src/foo/foo.service.ts')).toBe(
      "import { Injectable } from '@nestjs/common';\n\n@Injectable()\nexport class FooService {}\n",
    );
    expect(tree.exists('apps/api/src/foo/foo.service.spec.ts')).toBe(true);
  });

  it('still generates a Nest module (nest g module)', async () => {
    const tree = await runner.runSchematic('module', { name: 'bar', sourceRoot: 'apps/api/src', skipImport: true }, repoTree());

    expect(tree.readContent('apps/api/src/bar/bar.module.ts')).toContain('export class BarModule {}');
  });

  it('has a factory that plain Node loads, compiling the TypeScript in memory as the schematics CLI needs', () => {
    const factory = join(__dirname, 'plugin/plugin.factory.cjs');
    const script = `const { main } = require(${JSON.stringify(factory)}); process.stdout.write(typeof main(${JSON.stringify({ name: 'acme-widget' })}));`;

    expect(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' })).toBe('function');
  });
});
