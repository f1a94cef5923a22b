import { Module } from '@nestjs/common';
import { ApiKeyService } from './api-key.service';
import { ConfigurableKeysModule, KEYS_OPTIONS } from './keys.module-definition';
import type { KeysModuleOptions } from './keys.options';
import { openKeyStore } from './store/open-key-store';

/**
 * The stored API keys: exports {@link ApiKeyService}, started on the store the options name (the job
 * store's choice: the same SQLite file or Redis) before the app listens, closed at shutdown.
 */
@Module({
  providers: [
    {
      provide: ApiKeyService,
      inject: [KEYS_OPTIONS],
      useFactory: async (options: KeysModuleOptions) => ApiKeyService.start(await openKeyStore(options.store), options),
    },
  ],
  exports: [ApiKeyService],
})
export class KeysModule extends ConfigurableKeysModule {}
