// An audit as the clinic's lists show it (GET /v1/audits, a client's history): the record and what the
// audit found, so the clinic sees which failed without opening every audit.
import { z } from 'zod';
import { NextPageSchema, RecordListItemSchema } from './record-list.js';

export const AuditOutcomeSchema = z
  .object({
    assessable: z.boolean().describe('whether the audit could judge the camouflage (its reasons say why not)'),
    match: z.string().nullable().describe('how well the scar is camouflaged after treatment (scar.match.after); null when the audit is not assessable'),
    matchSure: z.boolean().nullable().describe('false: the reading lies near a band boundary and may fall either side (scar.matchSure.after); null when the audit is not assessable'),
    flags: z.array(z.string()).describe('the checks that fired (too-dark, photos-swapped, ...): a match next to a failed check is not the whole story'),
  })
  .nullable()
  .describe('null until the audit completed');

export const AuditListItemSchema = RecordListItemSchema.extend({ outcome: AuditOutcomeSchema });
export const AuditListSchema = z.object({ items: z.array(AuditListItemSchema), next: NextPageSchema });
