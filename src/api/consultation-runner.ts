// Runs one stored consultation: analysis through the pool, files into the blob store, the record
// completed or failed. Shared by the sync and async forms of POST /v1/consultations.
import type { FastifyInstance } from 'fastify';
import { analyzeConsultation, type ConsultationMeta, type ConsultationPhoto } from '../pipeline/consultation.js';
import { toProblem } from './plugins/errors.js';

export class AnalysisTimeoutError extends Error {
  constructor(ms: number) {
    super(`the analysis took longer than ${Math.round(ms / 1000)} s and was stopped`);
    this.name = 'AnalysisTimeoutError';
  }
}

export async function runConsultation(
  app: FastifyInstance,
  clinicId: string,
  id: string,
  photos: ConsultationPhoto[],
  meta: ConsultationMeta,
): Promise<void> {
  const timeoutMs = app.pool.config.analysisTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = analyzeConsultation(photos, meta, app.pool, (stage, ms) => app.metrics.stageSeconds.observe({ stage }, ms / 1000));
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new AnalysisTimeoutError(timeoutMs)), timeoutMs);
    });
    const { analysis, files } = await Promise.race([work, timeout]);
    for (const f of files) await app.blobs.put(clinicId, id, f.name, f.bytes);
    await app.store.completeRecord('consultation', clinicId, id, analysis as unknown as Record<string, unknown>);
  } catch (err) {
    const problem = toProblem(err);
    const title = err instanceof AnalysisTimeoutError ? 'Analysis timed out' : problem.title;
    const detail = err instanceof AnalysisTimeoutError ? err.message : problem.message;
    await app.store.failRecord('consultation', clinicId, id, { title, detail });
    await app.blobs.deleteRecord(clinicId, id);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
