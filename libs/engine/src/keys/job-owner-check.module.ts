import { type DynamicModule, Module } from '@nestjs/common';
import { JobOwnerCheck } from '@forgesyte/execution';
import { KeyJobOwnerCheck } from './key-job-owner-check';

/** Gives the execution lib its {@link JobOwnerCheck} port, over the `ApiKeyService` of the keys module given. */
@Module({})
export class JobOwnerCheckModule {
  /** `keys`: the process's one `KeysModule.forRoot(...)` object, so that the check reads the key service the API authenticates with. */
  static over(keys: DynamicModule): DynamicModule {
    return {
      module: JobOwnerCheckModule,
      imports: [keys],
      providers: [KeyJobOwnerCheck, { provide: JobOwnerCheck, useExisting: KeyJobOwnerCheck }],
      exports: [JobOwnerCheck],
    };
  }
}
