// The outbox on a real (in-memory) SQLite store, with a scripted receiver in place of HTTP.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { SqliteStore } from '../../../../src/store/sqlite-store.js';
import { WebhookDispatcher } from '../../../../src/api/webhooks/dispatcher.js';
import type { SendOutcome, SendRequest } from '../../../../src/api/webhooks/send.js';

const tokenSecret = Buffer.alloc(32, 9);
let store: SqliteStore;
let clinicId: string;
let sent: SendRequest[];
let answers: SendOutcome[];

const ok: SendOutcome = { delivered: true, status: 200, error: null, ms: 1 };
const down: SendOutcome = { delivered: false, status: 503, error: 'the receiver answered 503', ms: 1 };
const send = async (req: SendRequest): Promise<SendOutcome> => {
  sent.push(req);
  return answers.shift() ?? ok;
};
const dispatcher = (retryDelaysMs: number[] = [0, 0]) => new WebhookDispatcher(store, { tokenSecret, policy: { allowPrivate: false }, retryDelaysMs, send });

async function settle(d: WebhookDispatcher): Promise<void> {
  // Passes re-kick themselves for retries due at once; wait until nothing runs and nothing is due.
  for (let i = 0; i < 50; i++) {
    await d.idle();
    const due = await store.nextWebhookDue();
    if (due === null || Date.parse(due) > Date.now() + 1000) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeEach(async () => {
  store = new SqliteStore(':memory:');
  clinicId = (await store.createClinic('c')).id;
  sent = [];
  answers = [];
  await store.createRecord({ id: 'rec-1', kind: 'consultation', clinicId, input: {}, createdBy: 'upload-token:t1', clientRef: 'P-7' });
});
afterEach(async () => store.close());

describe('WebhookDispatcher', () => {
  it('sends nothing without a webhook, or for an event type it did not ask for', async () => {
    const d = dispatcher();
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await store.setWebhook(clinicId, 'https://hooks.example.com/a', ['audit.completed']);
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await settle(d);
    expect(sent).toHaveLength(0);
    expect(await store.listWebhookDeliveries(clinicId)).toHaveLength(0);
    await d.close();
  });

  it('delivers a signed event that names the record and who made it, nothing of its content', async () => {
    const hook = await store.setWebhook(clinicId, 'https://hooks.example.com/a', ['consultation.completed']);
    const d = dispatcher();
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await settle(d);
    expect(sent).toHaveLength(1);
    expect(sent[0].url).toBe('https://hooks.example.com/a');
    const body = new Webhook(d.secretOf(hook.id)).verify(sent[0].body, sent[0].headers);
    expect(body).toEqual({
      type: 'consultation.completed',
      timestamp: expect.stringMatching(/^\d{4}-/),
      data: { kind: 'consultation', id: 'rec-1', status: 'completed', createdBy: 'upload-token:t1', clientRef: 'P-7', links: { self: '/v1/consultations/rec-1' } },
    });
    const [delivery] = await store.listWebhookDeliveries(clinicId);
    expect(delivery).toMatchObject({ id: sent[0].headers['webhook-id'], status: 'delivered', attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null });
    await d.close();
  });

  it('retries a failed delivery with the same message id and body, then gives up when the schedule runs out', async () => {
    await store.setWebhook(clinicId, 'https://hooks.example.com/a', ['consultation.completed']);
    answers = [down, down, ok];
    let d = dispatcher([0, 0]);
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await settle(d);
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((s) => s.headers['webhook-id'])).size).toBe(1);
    expect(new Set(sent.map((s) => s.body)).size).toBe(1);
    expect((await store.listWebhookDeliveries(clinicId))[0]).toMatchObject({ status: 'delivered', attempts: 3, lastStatus: 200 });
    await d.close();

    sent = [];
    answers = [down, down, down, down];
    d = dispatcher([0]);
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await settle(d);
    expect(sent).toHaveLength(2);
    expect((await store.listWebhookDeliveries(clinicId))[0]).toMatchObject({ status: 'failed', attempts: 2, lastStatus: 503, lastError: 'the receiver answered 503', nextAttemptAt: null });
    await d.close();
  });

  it('keeps a pending event across a restart and sends it with the secret of the webhook set by then', async () => {
    await store.setWebhook(clinicId, 'https://old.example.com/a', ['consultation.completed']);
    answers = [down];
    const first = dispatcher([60_000]); // the retry is a minute away when the service stops
    await first.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await settle(first);
    await first.close();
    expect(sent).toHaveLength(1);
    const rotated = await store.setWebhook(clinicId, 'https://new.example.com/b', ['consultation.completed']);
    // Make the retry due now, as if the minute had passed.
    const [pending] = await store.listWebhookDeliveries(clinicId);
    await store.recordWebhookAttempt(pending.id, { at: new Date().toISOString(), delivered: false, status: 503, error: 'x', nextAttemptAt: new Date(Date.now() - 1).toISOString() });
    const second = dispatcher([60_000, 60_000]);
    second.kick();
    await settle(second);
    expect(sent).toHaveLength(2);
    expect(sent[1].url).toBe('https://new.example.com/b');
    expect(() => new Webhook(second.secretOf(rotated.id)).verify(sent[1].body, sent[1].headers)).not.toThrow();
    expect(sent[1].headers['webhook-id']).toBe(pending.id);
    await second.close();
  });

  it('ends pending events as failed when the webhook is removed, and forgets the events of deleted records and clinics', async () => {
    await store.setWebhook(clinicId, 'https://hooks.example.com/a', ['consultation.completed']);
    answers = [down];
    const d = dispatcher([60_000]);
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await settle(d);
    expect(await store.nextWebhookDue()).not.toBeNull();
    expect(await store.deleteWebhook(clinicId)).toBe(true);
    expect(await store.nextWebhookDue()).toBeNull();
    expect(await store.listWebhookDeliveries(clinicId)).toMatchObject([{ status: 'failed', lastStatus: 503, lastError: 'the clinic removed its webhook', nextAttemptAt: null }]);

    await store.setWebhook(clinicId, 'https://hooks.example.com/a', ['consultation.completed']);
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await settle(d);
    expect(await store.deleteRecord('consultation', clinicId, 'rec-1')).toBe(true);
    expect(await store.listWebhookDeliveries(clinicId)).toHaveLength(0);
    // An event for a record already gone is not queued.
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    expect(await store.listWebhookDeliveries(clinicId)).toHaveLength(0);

    await store.createRecord({ id: 'rec-2', kind: 'audit', clinicId, input: {}, createdBy: null });
    await store.setWebhook(clinicId, 'https://hooks.example.com/a', ['audit.completed']);
    await d.notify(clinicId, { type: 'audit.completed', kind: 'audit', recordId: 'rec-2' });
    await settle(d);
    await store.deleteClinic(clinicId);
    expect(await store.getWebhook(clinicId)).toBeNull();
    expect(await store.listWebhookDeliveries(clinicId)).toHaveLength(0);
    await d.close();
  });

  it('never sends one event twice at once, however often it is kicked', async () => {
    await store.setWebhook(clinicId, 'https://hooks.example.com/a', ['consultation.completed']);
    let inFlight = 0;
    let most = 0;
    const slow = async (req: SendRequest): Promise<SendOutcome> => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 30));
      inFlight--;
      sent.push(req);
      return ok;
    };
    const d = new WebhookDispatcher(store, { tokenSecret, policy: { allowPrivate: false }, send: slow });
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    for (let i = 0; i < 5; i++) d.kick();
    const other = new WebhookDispatcher(store, { tokenSecret, policy: { allowPrivate: false }, send: slow }); // a second process on the same file
    other.kick();
    await settle(d);
    await other.idle();
    expect(sent).toHaveLength(1);
    expect(most).toBe(1);
    await d.close();
    await other.close();
  });

  it('requeues a finished delivery with a fresh schedule, never a pending one or another clinic\'s', async () => {
    await store.setWebhook(clinicId, 'https://hooks.example.com/a', ['consultation.completed']);
    answers = [down, ok];
    const d = dispatcher([60_000]);
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await settle(d);
    const [pending] = await store.listWebhookDeliveries(clinicId);
    expect(await d.redeliver(clinicId, pending.id)).toMatchObject({ requeued: false, delivery: { status: 'pending', attempts: 1 } });
    await store.recordWebhookAttempt(pending.id, { at: new Date().toISOString(), delivered: false, status: 503, error: 'x', nextAttemptAt: null });
    const other = (await store.createClinic('other')).id;
    expect(await d.redeliver(other, pending.id)).toBeNull();
    expect(await d.redeliver(clinicId, 'msg_unknown')).toBeNull();
    expect(await d.redeliver(clinicId, pending.id)).toMatchObject({ requeued: true, delivery: { status: 'pending', attempts: 0 } });
    await settle(d);
    expect(sent).toHaveLength(2);
    expect((await store.listWebhookDeliveries(clinicId))[0]).toMatchObject({ status: 'delivered', attempts: 1 });
    await d.close();
  });

  it('lets a slow receiver hold up one runner only', async () => {
    const slowClinic = (await store.createClinic('slow')).id;
    await store.createRecord({ id: 'rec-slow', kind: 'consultation', clinicId: slowClinic, input: {}, createdBy: null });
    await store.setWebhook(slowClinic, 'https://slow.example.com/', ['consultation.completed']);
    await store.setWebhook(clinicId, 'https://fast.example.com/', ['consultation.completed']);
    for (const id of ['rec-2', 'rec-3', 'rec-4']) await store.createRecord({ id, kind: 'consultation', clinicId, input: {}, createdBy: null });
    const finished: string[] = [];
    const timed = async (req: SendRequest): Promise<SendOutcome> => {
      await new Promise((r) => setTimeout(r, req.url.includes('slow') ? 300 : 10));
      finished.push(req.url.includes('slow') ? 'slow' : 'fast');
      return ok;
    };
    const d = new WebhookDispatcher(store, { tokenSecret, policy: { allowPrivate: false }, concurrency: 2, send: timed });
    await d.notify(slowClinic, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-slow' });
    for (const id of ['rec-1', 'rec-2', 'rec-3', 'rec-4']) await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: id });
    await settle(d);
    expect(finished).toEqual(['fast', 'fast', 'fast', 'fast', 'slow']);
    await d.close();
  });

  // The webhook review (session 43): 24 events of one clinic to a receiver that never answers took all 4
  // slots for ceil(24 / 4) × 10 s, and another clinic's event waited 72 s.
  it("sends a clinic's events one at a time, so its backlog to a hanging receiver never holds up another clinic", async () => {
    const hanging = (await store.createClinic('hanging')).id;
    await store.setWebhook(hanging, 'https://hanging.example.com/', ['consultation.completed']);
    await store.setWebhook(clinicId, 'https://fast.example.com/', ['consultation.completed']);
    const backlog = Array.from({ length: 8 }, (_, i) => `rec-h${i}`);
    for (const id of backlog) await store.createRecord({ id, kind: 'consultation', clinicId: hanging, input: {}, createdBy: null });
    const started: string[] = [];
    let polls = 0;
    const nextDue = store.nextWebhookDue.bind(store);
    store.nextWebhookDue = async (busy) => {
      polls++;
      return nextDue(busy);
    };
    const timed = async (req: SendRequest): Promise<SendOutcome> => {
      started.push(req.url.includes('hanging') ? 'hanging' : 'fast');
      await new Promise((r) => setTimeout(r, req.url.includes('hanging') ? 200 : 5));
      return ok;
    };
    const d = new WebhookDispatcher(store, { tokenSecret, policy: { allowPrivate: false }, concurrency: 4, send: timed });
    for (const id of backlog) await d.notify(hanging, { type: 'consultation.completed', kind: 'consultation', recordId: id });
    await new Promise((r) => setTimeout(r, 20));
    await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: 'rec-1' });
    await new Promise((r) => setTimeout(r, 60)); // the hanging receiver's first event is still being sent
    expect(started).toEqual(['hanging', 'fast']);
    expect(polls).toBeLessThan(30); // one look per event queued; a timer for the busy clinic's due events polled every turn
    await settle(d);
    expect(started.filter((x) => x === 'hanging')).toHaveLength(8);
    expect((await store.listWebhookDeliveries(hanging)).every((x) => x.status === 'delivered')).toBe(true);
    await d.close();
  });

  it('waits for a busy slot to free instead of polling the store in a loop while more events are due', async () => {
    await store.setWebhook(clinicId, 'https://slow.example.com/', ['consultation.completed']);
    for (const id of ['rec-2', 'rec-3']) await store.createRecord({ id, kind: 'consultation', clinicId, input: {}, createdBy: null });
    let polls = 0;
    const nextDue = store.nextWebhookDue.bind(store);
    store.nextWebhookDue = async () => {
      polls++;
      return nextDue();
    };
    const slow = async (req: SendRequest): Promise<SendOutcome> => {
      sent.push(req);
      await new Promise((r) => setTimeout(r, 300));
      return ok;
    };
    const d = new WebhookDispatcher(store, { tokenSecret, policy: { allowPrivate: false }, concurrency: 1, send: slow });
    for (const id of ['rec-1', 'rec-2', 'rec-3']) await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: id });
    await new Promise((r) => setTimeout(r, 250)); // the first send holds the only slot; two more are due
    expect(sent).toHaveLength(1);
    expect(polls).toBeLessThan(10); // was one query per event-loop turn: hundreds
    await settle(d);
    expect(sent).toHaveLength(3);
    await d.close();
  });

  it('checks its retry schedule', () => {
    expect(() => dispatcher([5, -1])).toThrow('retry delays must be >= 0 ms');
  });
});
