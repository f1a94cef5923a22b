import type { JobStore } from '../../store/job-store';

/** The fresh store of the running contract test. */
export type StoreUnderTest = () => JobStore;
