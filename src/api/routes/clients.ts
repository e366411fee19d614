// /v1/clients/:clientRef: one client's records across consultations and audits, by the clinic's own
// reference for the client; DELETE erases them all (a client's request to have their data deleted).
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RecordKind } from '../../store/store.js';
import { requireKey } from '../plugins/auth.js';
import { deleteRecordAndFiles } from '../delete-record.js';
import { ClientRefSchema } from '../schemas/client-ref.js';
import { RecordListSchema, listItem } from '../schemas/record-list.js';
import { ProblemSchema } from '../schemas/consultation.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };
const Params = z.object({ clientRef: ClientRefSchema });
/** Records read per page while erasing (the store's page limit). */
const PAGE = 500;

const clients: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/v1/clients/:clientRef',
    {
      schema: {
        summary: "One client's consultations and audits, newest first",
        description: 'Every record made with this clientRef (by the clinic key, or through an upload token minted for the client). A client with none has empty lists.',
        tags: ['clients'],
        params: Params,
        response: { 200: z.object({ clientRef: z.string(), consultations: RecordListSchema.shape.items, audits: RecordListSchema.shape.items }), ...errors },
      },
    },
    async (request) => {
      requireKey(request);
      const { clientRef } = request.params;
      const clinicId = request.clinic.id;
      const [consultations, audits] = await Promise.all((['consultation', 'audit'] as const).map((kind) => app.store.listRecords(kind, clinicId, { clientRef, limit: PAGE })));
      await app.store.logAccess({ clinicId, actor: request.clinic.actor, action: 'read', target: `client:${clientRef}` });
      return { clientRef, consultations: consultations.map(listItem), audits: audits.map(listItem) };
    },
  );

  app.delete(
    '/v1/clients/:clientRef',
    {
      schema: {
        summary: "Erase a client: every consultation and audit with this clientRef, with their photos and results",
        description:
          'Deletes each record exactly as DELETE /v1/consultations/{id} and /v1/audits/{id} do (records still being analysed keep nothing either) and answers how many went. Erasing a client with no records answers 200 with zero counts, so a repeated request is safe.',
        tags: ['clients'],
        params: Params,
        response: { 200: z.object({ clientRef: z.string(), deleted: z.object({ consultations: z.number().int(), audits: z.number().int() }) }), ...errors },
      },
    },
    async (request) => {
      requireKey(request);
      const { clientRef } = request.params;
      const clinicId = request.clinic.id;
      const log = { actor: request.clinic.actor, action: 'erase-client' };
      const erase = async (kind: RecordKind): Promise<number> => {
        let n = 0;
        for (;;) {
          const page = await app.store.listRecords(kind, clinicId, { clientRef, limit: PAGE });
          if (page.length === 0) return n;
          for (const r of page) if (await deleteRecordAndFiles(app, kind, clinicId, r.id, log)) n++;
        }
      };
      const deleted = { consultations: await erase('consultation'), audits: await erase('audit') };
      await app.store.logAccess({ clinicId, ...log, target: `client:${clientRef}` });
      request.log.info({ deleted }, 'client erased');
      return { clientRef, deleted };
    },
  );
};

export default clients;
