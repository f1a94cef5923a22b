import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { KeysModuleOptions } from './keys.options';

/** `KeysModule.forRoot(options)`: not global; the app that authenticates imports it. Options injected as `KEYS_OPTIONS`. */
export const { ConfigurableModuleClass: ConfigurableKeysModule, MODULE_OPTIONS_TOKEN: KEYS_OPTIONS } = new ConfigurableModuleBuilder<KeysModuleOptions>({ moduleName: 'Keys' })
  .setClassMethodName('forRoot')
  .build();
