// The consultation report (report.pdf), rendered in a worker thread from the stored photos and images.
import { renderReportPdf, type PlannedSession, type ReportInput, type ReportPhoto } from '../plan/render/report.js';
import type { PlanSummary } from '../plan/dots/summary.js';

export interface ReportTask {
  kind: 'report';
  consultation: Record<string, unknown>;
  plan: PlanSummary | null;
  photos: ReportPhoto[];
  /** The sessions as planned, after any plan edit (the recommendation shows them as recommended). */
  plannedSessions?: PlannedSession[];
  zoneFactor?: ReportInput['zoneFactor'];
}

export async function runReportTask(task: ReportTask): Promise<Uint8Array> {
  const pdf = await renderReportPdf({
    consultation: task.consultation,
    plan: task.plan,
    photos: task.photos,
    ...(task.plannedSessions ? { plannedSessions: task.plannedSessions } : {}),
    ...(task.zoneFactor ? { zoneFactor: task.zoneFactor } : {}),
    generatedAt: new Date(),
    title: 'Scalp micropigmentation consultation',
  });
  return new Uint8Array(pdf);
}
