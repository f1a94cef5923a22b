import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { RequireScope } from '../auth/require-scope.decorator';
import { ApiErrorResponses } from '../openapi/api-error-responses.decorator';
import { ApiKeySecurity } from '../openapi/api-key-security.decorator';
import { invalidPageQuery, keyErrors, storeUnavailable } from '../openapi/openapi-examples';
import { AuditPageResponse } from './dto/audit.response';
import { DEFAULT_PAGE_LIMIT, MAX_CURSOR_LENGTH, MAX_PAGE_LIMIT } from './dto/page-query.dto';
import { KeyAdministration } from './key-administration.service';
import { presentAuditPage } from './key.presenter';
import { type PageRequest, PageQueryPipe } from './page-query.pipe';

/** The key audit (scope `keys:manage`): keys created, changed, rotated, revoked, and refused uses of revoked or expired keys. */
@ApiTags('keys')
@ApiKeySecurity()
@Controller('v1/audit')
@RequireScope('keys:manage')
export class AuditController {
  constructor(private readonly keys: KeyAdministration) {}

  @ApiOperation({ operationId: 'listAudit', summary: 'Read the key audit', description: 'Who did what to which key, and when; never a secret.' })
  @ApiQuery({ name: 'limit', required: false, schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT } })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `next_cursor` of the previous page.', schema: { type: 'string', minLength: 1, maxLength: MAX_CURSOR_LENGTH } })
  @ApiOkResponse({ type: AuditPageResponse })
  @ApiErrorResponses({ 400: invalidPageQuery(), ...keyErrors('keys:manage'), 503: storeUnavailable('read') })
  @Get()
  async list(@Query(PageQueryPipe) page: PageRequest): Promise<AuditPageResponse> {
    return presentAuditPage(await this.keys.audit(page));
  }
}
