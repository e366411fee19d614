// The webhook outbox: an event is stored first (it survives a restart), then sent; a failed attempt is
// tried again on a widening schedule until it is delivered or the schedule runs out. Up to `concurrency`
// deliveries are sent at once, each freeing its slot as it ends; a timer (unref'd: it never keeps the
// process alive) wakes the outbox when the earliest retry is due.
import { randomUUID } from 'node:crypto';
import { WEBHOOK_REMOVED, type Store, type WebhookDelivery, type WebhookRecord } from '../../store/store.js';
import { recordPayload, TEST_EVENT, type RecordEvent } from './events.js';
import { sendWebhook, type SendOutcome, type SendRequest } from './send.js';
import { signedHeaders, webhookSecret } from './signing.js';
import type { TargetPolicy } from './target.js';

export interface DispatcherOptions {
  /** Service secret the webhook secrets derive from. */
  tokenSecret: Buffer;
  policy: TargetPolicy;
  /** Wait before attempt n+1 after attempt n failed; attempts stop when it runs out. */
  retryDelaysMs?: readonly number[];
  timeoutMs?: number;
  /** Deliveries sent at once. */
  concurrency?: number;
  send?: (req: SendRequest) => Promise<SendOutcome>;
  onError?: (err: unknown) => void;
  onAttempt?: (d: WebhookDelivery, outcome: SendOutcome) => void;
}

/** 5 s, 1 min, 10 min, 1 h, 6 h: 6 attempts over about 7 hours. */
export const DEFAULT_RETRY_DELAYS_MS = [5_000, 60_000, 600_000, 3_600_000, 21_600_000] as const;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** Finished deliveries are listed for this long, then forgotten. */
export const DELIVERY_RETENTION_MS = 30 * 24 * 3_600_000;
/** Longest a timer waits: a store changed by another process is looked at again within this. */
const MAX_SLEEP_MS = 60_000;

export class WebhookDispatcher {
  private readonly retryDelays: readonly number[];
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly send: (req: SendRequest) => Promise<SendOutcome>;
  private filling: Promise<void> | null = null;
  private readonly sending = new Set<Promise<void>>();
  /** Clinics with a delivery being sent: each clinic's go out one at a time (store.leaseDueWebhookDeliveries). */
  private readonly busyClinics = new Set<string>();
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    private readonly store: Store,
    private readonly opts: DispatcherOptions,
  ) {
    this.retryDelays = opts.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.concurrency = Math.max(1, opts.concurrency ?? 4);
    this.send = opts.send ?? sendWebhook;
    if (this.retryDelays.some((d) => !(d >= 0))) throw new RangeError('retry delays must be >= 0 ms');
  }

  /** Queues the event for the clinic's webhook, when it has one that takes this event type. Never throws. */
  async notify(clinicId: string, event: RecordEvent): Promise<void> {
    try {
      const hook = await this.store.getWebhook(clinicId);
      if (!hook || !hook.events.includes(event.type)) return;
      const record = await this.store.getRecord(event.kind, clinicId, event.recordId);
      if (!record) return; // deleted before the event was queued
      const now = new Date();
      // Not queued when the record went in the meantime (deleted, or its client erased).
      const queued = await this.store.addWebhookDelivery({
        id: `msg_${randomUUID()}`,
        clinicId,
        webhookId: hook.id,
        type: event.type,
        recordId: event.recordId,
        payload: JSON.stringify(recordPayload(event, record, now)),
        nextAttemptAt: now.toISOString(),
      });
      if (queued) this.kick();
    } catch (err) {
      this.opts.onError?.(err);
    }
  }

  /** Sends a test event to the clinic's webhook now, outside the outbox; the outcome is the answer. */
  async test(clinicId: string): Promise<SendOutcome | null> {
    const hook = await this.store.getWebhook(clinicId);
    if (!hook) return null;
    const at = new Date();
    return this.sendSigned(hook, `msg_${randomUUID()}`, JSON.stringify({ type: TEST_EVENT, timestamp: at.toISOString(), data: { webhookId: hook.id } }), at);
  }

  /** Sends a finished delivery again, from the start of the retry schedule; null when the clinic has no such delivery. */
  async redeliver(clinicId: string, deliveryId: string): Promise<{ delivery: WebhookDelivery; requeued: boolean } | null> {
    const result = await this.store.requeueWebhookDelivery(clinicId, deliveryId, new Date().toISOString());
    if (result?.requeued) this.kick();
    return result;
  }

  /** The secret of a webhook (shown to the clinic once, when it sets the webhook). */
  secretOf(webhookId: string): string {
    return webhookSecret(this.opts.tokenSecret, webhookId);
  }

  /** Fills the free sending slots with due deliveries now (or right after the fill under way). */
  kick(): void {
    if (this.closed) return;
    if (this.filling) {
      this.again = true;
      return;
    }
    this.filling = this.fill()
      .catch((err: unknown) => this.opts.onError?.(err))
      .finally(() => {
        this.filling = null;
        // With every slot busy, the send that ends first kicks again: a timer then would find an event due
        // with no slot for it, fire at once, and poll the store in a loop until a slot frees.
        if (this.again) {
          this.again = false;
          this.kick();
        } else if (this.sending.size < this.concurrency) void this.schedule();
      });
  }

  /** Resolves when nothing is being leased or sent (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.filling || this.sending.size) await Promise.all([this.filling, ...this.sending]);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.idle();
  }

  /**
   * Leases as many due deliveries as there are free slots, at most one per clinic, and starts each on its
   * own, so a receiver that takes its full timeout holds one slot, not the others or other clinics' events
   * (before, one clinic's backlog to a hanging receiver took every slot). A finished attempt frees its
   * slot and fills again.
   */
  private async fill(): Promise<void> {
    const free = this.concurrency - this.sending.size;
    if (free <= 0 || this.closed) return;
    const now = Date.now();
    // Leased a little past the longest attempt: a crash mid-send retries after that, a live send never overlaps.
    const due = await this.store.leaseDueWebhookDeliveries(new Date(now).toISOString(), new Date(now + 2 * this.timeoutMs + 1000).toISOString(), free, [...this.busyClinics]);
    for (const d of due) {
      this.busyClinics.add(d.clinicId);
      const sent: Promise<void> = this.attempt(d)
        .catch((err: unknown) => this.opts.onError?.(err))
        .finally(() => {
          this.sending.delete(sent);
          this.busyClinics.delete(d.clinicId);
          this.kick();
        });
      this.sending.add(sent);
    }
  }

  /** One attempt, to the webhook the clinic has now (signed with its secret). */
  private async attempt(d: WebhookDelivery): Promise<void> {
    const hook = await this.store.getWebhook(d.clinicId);
    const at = new Date();
    if (!hook) {
      // The webhook was removed after the event: nowhere to send it.
      await this.store.recordWebhookAttempt(d.id, { at: at.toISOString(), delivered: false, status: null, error: WEBHOOK_REMOVED, nextAttemptAt: null });
      return;
    }
    const outcome = await this.sendSigned(hook, d.id, d.payload, at);
    const delay = this.retryDelays[d.attempts];
    const nextAttemptAt = outcome.delivered || delay === undefined ? null : new Date(Date.now() + delay).toISOString();
    await this.store.recordWebhookAttempt(d.id, { at: at.toISOString(), delivered: outcome.delivered, status: outcome.status, error: outcome.error, nextAttemptAt });
    this.opts.onAttempt?.(d, outcome);
  }

  private sendSigned(hook: WebhookRecord, messageId: string, body: string, at: Date): Promise<SendOutcome> {
    return this.send({ url: hook.url, body, headers: signedHeaders(this.secretOf(hook.id), messageId, at, body), timeoutMs: this.timeoutMs, policy: this.opts.policy });
  }

  private async schedule(): Promise<void> {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      // not a busy clinic's: its next delivery waits for the one being sent, whose end kicks the outbox (a
      // timer for it would fire at once, find nothing it may lease, and poll the store in a loop)
      const due = await this.store.nextWebhookDue([...this.busyClinics]);
      if (due === null || this.closed) return;
      const wait = Math.min(MAX_SLEEP_MS, Math.max(0, Date.parse(due) - Date.now()));
      this.timer = setTimeout(() => {
        this.timer = null;
        this.kick();
      }, wait);
      this.timer.unref();
    } catch (err) {
      this.opts.onError?.(err);
    }
  }
}
