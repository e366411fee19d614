// The clinic's list of consultations or audits: newest first, a page at a time, one client's if asked.
import { z } from 'zod';
import type { StoredRecord } from '../../store/store.js';
import { ClientRefSchema } from './client-ref.js';
import { IdSchema } from './consultation.js';

export const RecordListQuerySchema = z
  .strictObject({
    limit: z.coerce.number().int().min(1).max(500).optional(),
    before: z.iso.datetime().optional().describe('createdAt of the last item of the previous page (an ISO 8601 time, e.g. 2026-11-23T10:15:00.000Z)'),
    beforeId: IdSchema.optional()
      .describe('id of the last item of the previous page, with `before`: records created in the same millisecond as it then follow instead of being skipped'),
    clientRef: ClientRefSchema.optional().describe("only this client's records"),
  })
  .refine((q) => q.beforeId === undefined || q.before !== undefined, { message: 'beforeId needs before (the createdAt of that same item)', path: ['beforeId'] });

export const RecordListItemSchema = z.object({ id: z.string(), status: z.string(), createdAt: z.string(), clientRef: z.string().nullable() });
export const RecordListSchema = z.object({ items: z.array(RecordListItemSchema) });

export function listItem(r: StoredRecord): z.infer<typeof RecordListItemSchema> {
  return { id: r.id, status: r.status, createdAt: r.createdAt, clientRef: r.clientRef };
}
