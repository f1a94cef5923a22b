import { describeKeyStoreContract } from '../testing/key-store-contract';
import { MemoryKeyStore } from './memory-key-store';

describeKeyStoreContract(MemoryKeyStore.name, async () => {
  const store = new MemoryKeyStore();
  return { store, close: () => store.close() };
});
