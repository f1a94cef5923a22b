import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { ExecutionModuleOptions } from './execution.options';

/** `ExecutionModule.forRoot(options)`: global by default, so the app can inject its services. */
export const {
  ConfigurableModuleClass: ConfigurableExecutionModule,
  MODULE_OPTIONS_TOKEN: EXECUTION_OPTIONS,
} = new ConfigurableModuleBuilder<ExecutionModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
