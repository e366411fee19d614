// What a clinic's webhook is told: that a record finished, never what is in it. The receiver fetches the
// record with its own key, so no medical data leaves the service unasked (and a URL typed wrong leaks none).
import { z } from 'zod';
import type { RecordKind } from '../../store/store.js';

export const WEBHOOK_EVENTS = ['consultation.completed', 'consultation.failed', 'audit.completed'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];
/** Sent by POST /v1/clinic/webhook/test only; not subscribable. */
export const TEST_EVENT = 'webhook.test';

export const WebhookEventSchema = z.enum(WEBHOOK_EVENTS);

export interface RecordEvent {
  type: WebhookEvent;
  kind: RecordKind;
  recordId: string;
}

export interface WebhookPayload {
  type: WebhookEvent | typeof TEST_EVENT;
  /** When the event happened (ISO 8601); retries keep it. */
  timestamp: string;
  data: Record<string, unknown>;
}

const PATHS: Record<RecordKind, string> = { consultation: '/v1/consultations', audit: '/v1/audits' };

/**
 * The body for a record's event. `createdBy` ("key:<prefix>", "upload-token:<id>") tells the clinic's
 * software a patient's upload through the consultation page from one of its own; `clientRef` (the
 * clinic's own id for the client, null when it gave none) which of its clients it belongs to.
 */
export function recordPayload(e: RecordEvent, record: { createdBy: string | null; clientRef: string | null }, at: Date): WebhookPayload {
  const status = e.type.endsWith('.failed') ? 'failed' : 'completed';
  return {
    type: e.type,
    timestamp: at.toISOString(),
    data: { kind: e.kind, id: e.recordId, status, createdBy: record.createdBy, clientRef: record.clientRef, links: { self: `${PATHS[e.kind]}/${e.recordId}` } },
  };
}
