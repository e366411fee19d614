// The clinic's list of consultations or audits: newest first, a page at a time, one client's if asked.
import { z } from 'zod';
import { DEFAULT_LIST_LIMIT, type StoredRecord } from '../../store/store.js';
import { ClientRefSchema } from './client-ref.js';
import { IdSchema } from './consultation.js';

/**
 * A `before` cursor in the form createdAt is stored in (toISOString: milliseconds, Z), which the store
 * compares as text: 07:24:57Z sorted after 07:24:57.118Z, so records created after the cutoff came back.
 * A time finer than a millisecond is rounded up, so a record of that millisecond before it still counts.
 */
export function storedTime(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso; // the schema lets only real times through
  const finer = /\.\d{3}(\d+)/.exec(iso)?.[1];
  return new Date(finer && /[1-9]/.test(finer) ? ms + 1 : ms).toISOString();
}

export const RecordListQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    // with an offset too (+00:00, +01:00): "an ISO 8601 time" was refused unless it ended in Z
    before: z.iso.datetime({ offset: true }).transform(storedTime).optional()
      .describe('createdAt of the last item of the previous page (an ISO 8601 time, e.g. 2026-11-23T10:15:00.000Z or 2026-11-23T11:15:00+01:00)'),
    beforeId: IdSchema.optional()
      .describe('id of the last item of the previous page, with `before`: records created in the same millisecond as it then follow instead of being skipped'),
    clientRef: ClientRefSchema.optional().describe("only this client's records"),
  })
  .refine((q) => q.beforeId === undefined || q.before !== undefined, { message: 'beforeId needs before (the createdAt of that same item)', path: ['beforeId'] });

export const RecordListItemSchema = z.object({ id: z.string(), status: z.string(), createdAt: z.string(), clientRef: z.string().nullable() });
/**
 * The cursor of the page after a full one: its last item's createdAt and id, to send as `before` and
 * `beforeId` (an integrator had to assemble it from the last item); null when the page was not full.
 */
export const NextPageSchema = z
  .object({ before: z.string(), beforeId: z.string() })
  .nullable()
  .describe('the query of the next page (`before` and `beforeId`); null when this page was the last');
export const RecordListSchema = z.object({ items: z.array(RecordListItemSchema), next: NextPageSchema });

/** `next` for a page of records read with this limit: the last one's cursor when the page is full. */
function nextPage(records: readonly StoredRecord[], limit: number | undefined): z.infer<typeof NextPageSchema> {
  const last = records.at(-1);
  return last && records.length >= (limit ?? DEFAULT_LIST_LIMIT) ? { before: last.createdAt, beforeId: last.id } : null;
}

/**
 * A page of records read with `query`: its `next` cursor (nextPage) and the same as a `Link` header
 * (nextLinkHeader), null on the last page. What both lists (consultations, audits) answer with.
 */
export function listPage(path: string, query: { limit?: number; clientRef?: string }, records: readonly StoredRecord[]): { next: z.infer<typeof NextPageSchema>; link: string | null } {
  const next = nextPage(records, query.limit);
  return { next, link: nextLinkHeader(path, query, next) };
}

/**
 * The next page as a `Link` header (RFC 8288, rel="next"): the same list and filter with the page's
 * cursor, for clients that follow links rather than read `next`; null on the last page.
 */
function nextLinkHeader(path: string, query: { limit?: number; clientRef?: string }, next: z.infer<typeof NextPageSchema>): string | null {
  if (!next) return null;
  const params = new URLSearchParams();
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.clientRef !== undefined) params.set('clientRef', query.clientRef);
  params.set('before', next.before);
  params.set('beforeId', next.beforeId);
  return `<${path}?${params.toString()}>; rel="next"`;
}

export function listItem(r: StoredRecord): z.infer<typeof RecordListItemSchema> {
  return { id: r.id, status: r.status, createdAt: r.createdAt, clientRef: r.clientRef };
}
