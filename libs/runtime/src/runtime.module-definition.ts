import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RuntimeModuleOptions } from './runtime.options';

/** `RuntimeModule.forRoot(options)`; its options are injected as `RUNTIME_MODULE_OPTIONS`. */
export const {
  ConfigurableModuleClass: ConfigurableRuntimeModule,
  MODULE_OPTIONS_TOKEN: RUNTIME_OPTIONS,
} = new ConfigurableModuleBuilder<RuntimeModuleOptions>({ moduleName: 'Runtime' }).setClassMethodName('forRoot').build();
