import { SetMetadata } from '@nestjs/common';

/** Metadata key of {@link LargeBody}. */
export const LARGE_BODY = 'forgesyte:large-body';

/**
 * Lets a route take a body up to `FORGESYTE_BODY_LIMIT` (a base64 image); every other route takes at most
 * `FORGESYTE_SMALL_BODY_LIMIT`. Read once at start by {@link discoverRoutes}.
 */
export const LargeBody = () => SetMetadata(LARGE_BODY, true);
