import type { ApiKeyRecord, KeyAuditEntry } from '@forgesyte/keys';

/** A key in a few lines: id, name, status, scopes, allow-lists, limits, times. Never a secret. */
export function keyLines(record: ApiKeyRecord, now = Date.now()): string[] {
  const lines = [
    `${record.id}  ${record.name}  (${statusOf(record, now)})`,
    `  scopes:     ${record.scopes.join(', ')}`,
    `  plugins:    ${record.plugins === null ? 'all' : record.plugins.join(', ')}`,
  ];
  if (record.tools !== null) lines.push(`  tools:      ${record.tools.join(', ')}`);
  if (record.limits !== null) lines.push(`  limits:     ${Object.entries(record.limits).map(([name, value]) => `${name}=${String(value)}`).join(', ')}`);
  lines.push(`  created:    ${record.createdAt}`, `  last used:  ${record.lastUsedAt ?? 'never'}`);
  if (record.expiresAt !== null) lines.push(`  expires:    ${record.expiresAt}`);
  if (record.revokedAt !== null) lines.push(`  revoked:    ${record.revokedAt}`);
  return lines;
}

/** One line of the audit. */
export function auditLine(entry: KeyAuditEntry): string {
  const changes = entry.changes === undefined || Object.keys(entry.changes).length === 0 ? '' : `  ${JSON.stringify(entry.changes)}`;
  return `${entry.at}  ${entry.action.padEnd(15)} ${entry.keyId}  by ${entry.actor}${changes}`;
}

function statusOf(record: ApiKeyRecord, now: number): string {
  if (record.revokedAt !== null) return 'revoked';
  if (record.expiresAt !== null && Date.parse(record.expiresAt) <= now) return 'expired';
  return 'active';
}
