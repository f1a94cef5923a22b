import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RuntimeModuleOptions } from './runtime.options';

/** `RuntimeModule.forRoot(options)`: global by default, so the libs above it can inject its exports. */
export const {
  ConfigurableModuleClass: ConfigurableRuntimeModule,
  MODULE_OPTIONS_TOKEN: RUNTIME_OPTIONS,
} = new ConfigurableModuleBuilder<RuntimeModuleOptions>()
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
