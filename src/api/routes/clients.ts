// /v1/clients/:clientRef: one client's records across consultations and audits, by the clinic's own
// reference for the client; /export hands over a copy of all of it (a client's request for their data),
// DELETE erases it all (a client's request to have it deleted).
import { createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deleteRecordAndFiles } from '../delete-record.js';
import { ClientRefSchema } from '../schemas/client-ref.js';
import { RecordListItemSchema, listItem } from '../schemas/record-list.js';
import { AuditListItemSchema } from '../schemas/audit-list.js';
import { auditListItem } from '../audit-outcome.js';
import { ProblemSchema } from '../schemas/consultation.js';
import { Problem } from '../problem.js';
import { CLIENT_RECORD_KINDS, clientArchive, clientRecords } from '../export/client-archive.js';
import type { StoredRecord } from '../../store/store.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const Params = z.object({
  clientRef: ClientRefSchema.describe(
    "the clinic's own reference for the client (patient or file number); a '/' in it must be sent percent-encoded as %2F (P/1042 as P%2F1042), or the path reads as another route (404)",
  ),
});

/** What each visit found, so the clinic follows the client over time without opening every record. */
const ConsultationItem = RecordListItemSchema.extend({
  outcome: z
    .object({
      assessable: z.boolean(),
      scale: z.enum(['norwood', 'ludwig']),
      stage: z.string().nullable().describe('Norwood stage, or Ludwig grade for women'),
      confidence: z.number().nullable(),
    })
    .nullable()
    .describe('null until the analysis completed'),
});
function consultationItem(r: StoredRecord): z.infer<typeof ConsultationItem> {
  const a = r.result as { assessable?: boolean; pattern?: 'norwood' | 'ludwig'; norwood?: { stage?: string | null; confidence?: number }; ludwig?: { grade?: string | null; confidence?: number } | null } | null;
  if (r.status !== 'completed' || !a) return { ...listItem(r), outcome: null };
  const scale = a.pattern ?? 'norwood';
  const graded = scale === 'ludwig' ? { stage: a.ludwig?.grade, confidence: a.ludwig?.confidence } : a.norwood;
  return { ...listItem(r), outcome: { assessable: a.assessable === true, scale, stage: graded?.stage ?? null, confidence: graded?.confidence ?? null } };
}

/**
 * What the access log calls an erased client: the erasure stays on record, but not the reference, which
 * identifies the person. Keyed with the service's secret, so a short reference cannot be guessed back
 * from it; the operator can still tell whether a given client was erased.
 */
export function erasedClientTarget(secret: Buffer, clinicId: string, clientRef: string): string {
  return `client:erased-${createHmac('sha256', secret).update(`erased-client\0${clinicId}\0${clientRef}`).digest('hex').slice(0, 16)}`;
}

const clients: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/clients/:clientRef',
    {
      schema: {
        summary: "One client's consultations and audits, newest first, with what each found",
        description:
          "Every record made with this clientRef (by the clinic key, or through an upload token minted for the client), each with its outcome (the stage and its confidence for a consultation, the scar's match after treatment for an audit), to follow a client's hair loss and treatment over time. A client with none has empty lists.",
        tags: ['clients'],
        params: Params,
        response: { 200: z.object({ clientRef: z.string(), consultations: z.array(ConsultationItem), audits: z.array(AuditListItemSchema) }), ...errors },
      },
    },
    async (request) => {
      const { clientRef } = request.params;
      const clinicId = request.clinic.id;
      const { consultations, audits } = await clientRecords(app.store, clinicId, clientRef);
      // A client with nothing held (erased, or never seen: a clinic checking an erasure) is logged by
      // pseudonym, so the check does not write the reference back into the log.
      const held = consultations.length + audits.length > 0;
      const target = held ? `client:${clientRef}` : erasedClientTarget(app.tokenSecret, clinicId, clientRef);
      await app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'read', target });
      return { clientRef, consultations: consultations.reverse().map(consultationItem), audits: audits.reverse().map(auditListItem) };
    },
  );

  app.get(
    '/v1/clients/:clientRef/export',
    {
      // fastify's automatic HEAD runs the handler and drains the stream: the whole archive built and
      // dropped, and an export logged that sent nothing. HEAD answers 405 (Allow: GET) instead.
      exposeHeadRoute: false,
      schema: {
        summary: 'Everything held on one client, as a ZIP',
        description:
          'index.json (every consultation and audit, oldest first), README.txt, and per record a folder with its JSON as the API shows it and every stored file: the photos (re-encoded without metadata or GPS), masks, plans, previews and reports. For a client asking for a copy of their data. 404 when the clinic has no record with this clientRef.',
        tags: ['clients'],
        params: Params,
        produces: ['application/zip'],
        // 200 is bytes, not serialised: documented in schemas/binary-docs.ts
        response: { 200: z.any(), 404: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { clientRef } = request.params;
      const clinicId = request.clinic.id;
      const records = await clientRecords(app.store, clinicId, clientRef);
      if (records.consultations.length + records.audits.length === 0) {
        throw new Problem(404, 'no-records', 'No records for this client', 'the clinic has no consultation or audit with this clientRef');
      }
      await app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'export', target: `client:${clientRef}` });
      return reply
        .type('application/zip')
        .header('content-disposition', `attachment; filename="client-${clientRef.replace(/[^A-Za-z0-9._-]/g, '_')}.zip"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(clientArchive(app, clinicId, clientRef, records)));
    },
  );

  app.delete(
    '/v1/clients/:clientRef',
    {
      schema: {
        summary: "Erase a client: every consultation and audit with this clientRef, with their photos and results",
        description:
          "Deletes each record exactly as DELETE /v1/consultations/{id} and /v1/audits/{id} do (records still being analysed keep nothing either), ends and forgets every upload token minted for the client (its consultation link stops working, so nothing new is filed under the erased client), and answers how many went. Erasing a client with nothing held answers 200 with zero counts, so a repeated request is safe.",
        tags: ['clients'],
        params: Params,
        response: { 200: z.object({ clientRef: z.string(), deleted: z.object({ consultations: z.number().int(), audits: z.number().int(), uploadTokens: z.number().int() }) }), ...errors },
      },
    },
    async (request) => {
      const { clientRef } = request.params;
      const clinicId = request.clinic.id;
      const log = { actor: request.clinic.actor, action: 'erase-client' };
      // The links first: a photo sent through one while the records go would be filed under the client.
      const uploadTokens = await app.store.deleteClientUploadTokens(clinicId, clientRef);
      const records = await clientRecords(app.store, clinicId, clientRef);
      const deleted = { consultations: 0, audits: 0, uploadTokens };
      for (const { kind, list } of CLIENT_RECORD_KINDS) {
        for (const r of records[list]) if (await deleteRecordAndFiles(app, kind, clinicId, r.id, log)) deleted[list]++;
      }
      // Earlier reads, exports and token mints named the client: they keep their place in the log under the pseudonym.
      const erased = erasedClientTarget(app.tokenSecret, clinicId, clientRef);
      await app.store.renameAccessTarget(clinicId, `client:${clientRef}`, erased);
      await app.store.logAccess({ clinicId, ...log, target: erased });
      request.log.info({ deleted }, 'client erased');
      return { clientRef, deleted };
    },
  );
};

export default clients;
