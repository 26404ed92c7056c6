import { auditCsv } from '@/lib/audit/csv';
import { verifyAuditRows } from '@/lib/audit/verify';
import { AppError } from '@/lib/errors';
import { handler } from '@/lib/http/handler';

/** GET ?format=json|csv&limit&before&verify=1 (admin). */
export const GET = handler({ role: 'admin' }, async ({ req, services: { db } }) => {
  const query = new URL(req.url).searchParams;
  const format = query.get('format') ?? 'json';
  if (format === 'csv') {
    return new Response(auditCsv(await db.audit.all()), {
      headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': 'attachment; filename="kraken-desk-audit.csv"' },
    });
  }
  if (format !== 'json') throw new AppError('invalid_format');
  const limit = Number(query.get('limit') ?? '100');
  const before = query.get('before') ?? undefined;
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new AppError('invalid_limit');
  if (before !== undefined && !/^\d{1,15}$/.test(before)) throw new AppError('invalid_before');
  const page = await db.audit.page({ limit, beforeSeq: before === undefined ? undefined : Number(before) });
  const chain = query.get('verify') === '1' ? verifyAuditRows(await db.audit.all()) : undefined;
  return { ...page, chain };
});
