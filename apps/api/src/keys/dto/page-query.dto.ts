import { IsString, Length, Matches } from 'class-validator';
import { MAX_CURSOR_LENGTH, MAX_JOBS_LIMIT } from '../../analysis/dto/list-jobs-query.dto';
import { WhenPresent } from '../../validation/when-present.decorator';

/** The most keys or audit entries one page lists. */
export const MAX_PAGE_LIMIT = MAX_JOBS_LIMIT;
/** How many a page lists when the query names no limit. */
export const DEFAULT_PAGE_LIMIT = 50;
/** The limit's rule, as violations state it. */
export const PAGE_LIMIT_RULE = `must be a whole number from 1 to ${MAX_PAGE_LIMIT}`;
export { MAX_CURSOR_LENGTH };
const ONCE = 'must be given once';

/** The query string of `GET /v1/keys` and `GET /v1/audit`. A repeated parameter arrives as an array and is refused. */
export class PageQueryDto {
  /** Page size: digits only here, range-checked by `PageQueryPipe`. */
  @Matches(/^\d+$/, { message: PAGE_LIMIT_RULE })
  @IsString({ message: `${ONCE}, as ${PAGE_LIMIT_RULE.replace('must be ', '')}` })
  @WhenPresent()
  readonly limit?: string;

  @Length(1, MAX_CURSOR_LENGTH, { message: `must be the next_cursor of a previous page (1 to ${MAX_CURSOR_LENGTH} characters); leave it out for the first page` })
  @IsString({ message: `${ONCE}: the next_cursor of a previous page` })
  @WhenPresent()
  readonly cursor?: string;
}
