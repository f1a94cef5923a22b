import { ConfigurableModuleBuilder, type ModuleMetadata } from '@nestjs/common';
import type { ExecutionModuleOptions } from './execution.options';

/** What `ExecutionModule.forRoot` takes besides its options: the modules it builds on. */
export interface ExecutionModuleImports {
  /**
   * The process's `RuntimeModule.forRoot(...)`, whose ToolRunner runs every job: pass the very object
   * the rest of the process imports, since each `forRoot` call makes another runner. Nest keeps one
   * module per object.
   */
  readonly imports: NonNullable<ModuleMetadata['imports']>;
}

/**
 * `ExecutionModule.forRoot({ ...options, imports: [runtime] })`: not global; the app that calls its
 * services imports it. Its options are injected as `EXECUTION_MODULE_OPTIONS`.
 */
export const {
  ConfigurableModuleClass: ConfigurableExecutionModule,
  MODULE_OPTIONS_TOKEN: EXECUTION_OPTIONS,
} = new ConfigurableModuleBuilder<ExecutionModuleOptions>({ moduleName: 'Execution' })
  .setClassMethodName('forRoot')
  .setExtras<ExecutionModuleImports>({ imports: [] }, (definition, extras) => ({ ...definition, imports: [...(definition.imports ?? []), ...extras.imports] }))
  .build();
