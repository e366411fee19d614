// Idempotency keys in the SQLite store: first claim wins, the entry goes with its record and clinic,
// and old entries are purged.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../../src/store/sqlite-store.js';
import type { IdempotencyEntry } from '../../../src/store/store.js';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'smp-idem-'));
  store = new SqliteStore(join(dir, 'smp.sqlite'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (over: Partial<IdempotencyEntry> = {}): IdempotencyEntry => ({
  clinicId: 'c1',
  kind: 'consultation',
  scope: 'clinic',
  key: 'k',
  fingerprint: 'f1',
  recordId: 'r1',
  mode: 'sync',
  createdAt: '2026-11-22T10:00:00.000Z',
  ...over,
});

describe('idempotency keys', () => {
  it('lets the first claim win and returns it to later ones, per clinic, kind and scope', async () => {
    expect(await store.claimIdempotencyKey(entry())).toBeNull();
    expect(await store.claimIdempotencyKey(entry({ recordId: 'r2', fingerprint: 'f2' }))).toEqual(entry());
    expect(await store.claimIdempotencyKey(entry({ clinicId: 'c2', recordId: 'r3' }))).toBeNull();
    expect(await store.claimIdempotencyKey(entry({ kind: 'audit', recordId: 'r4' }))).toBeNull();
    expect(await store.claimIdempotencyKey(entry({ scope: 'upload-token:t1', recordId: 'r5' }))).toBeNull();
    await store.releaseIdempotencyKey(entry());
    expect(await store.claimIdempotencyKey(entry({ recordId: 'r6' }))).toBeNull();
  });

  it('forgets a key with its record and with its clinic', async () => {
    const clinic = await store.createClinic('A');
    await store.createRecord({ id: 'r1', kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
    await store.claimIdempotencyKey(entry({ clinicId: clinic.id }));
    await store.deleteRecord('consultation', clinic.id, 'r1');
    expect(await store.claimIdempotencyKey(entry({ clinicId: clinic.id, recordId: 'r2' }))).toBeNull();
    await store.deleteClinic(clinic.id);
    expect(await store.claimIdempotencyKey(entry({ clinicId: clinic.id, recordId: 'r3' }))).toBeNull();
  });

  it("keeps a record's key and webhook events when a deletion names its id as another kind (nothing is deleted then)", async () => {
    const clinic = await store.createClinic('A');
    await store.createRecord({ id: 'r1', kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
    await store.claimIdempotencyKey(entry({ clinicId: clinic.id }));
    const hook = await store.setWebhook(clinic.id, 'https://93.184.216.34/hook', ['consultation.completed']);
    await store.addWebhookDelivery({ id: 'msg_1', clinicId: clinic.id, webhookId: hook.id, type: 'consultation.completed', recordId: 'r1', payload: '{}', nextAttemptAt: '2026-11-22T10:00:00.000Z' });
    // DELETE /v1/audits/<a consultation's id>: no such audit, so a 404 that must leave the consultation whole
    expect(await store.deleteRecord('audit', clinic.id, 'r1')).toBe(false);
    expect(await store.getRecord('consultation', clinic.id, 'r1')).not.toBeNull();
    expect(await store.claimIdempotencyKey(entry({ clinicId: clinic.id, recordId: 'r2' }))).toMatchObject({ recordId: 'r1' });
    expect((await store.listWebhookDeliveries(clinic.id)).map((d) => d.id)).toEqual(['msg_1']);
  });

  it('queues no webhook event for a record deleted after the event was read from it (an erasure in between)', async () => {
    const clinic = await store.createClinic('A');
    await store.createRecord({ id: 'r1', kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
    const hook = await store.setWebhook(clinic.id, 'https://93.184.216.34/hook', ['consultation.completed']);
    const event = (id: string, recordId: string | null) => ({ id, clinicId: clinic.id, webhookId: hook.id, type: 'consultation.completed' as const, recordId, payload: '{"clientRef":"P-1"}', nextAttemptAt: '2026-11-22T10:00:00.000Z' });
    // the dispatcher read the record (payload built), then the erasure deleted it, then the insert came
    await store.deleteRecord('consultation', clinic.id, 'r1');
    expect(await store.addWebhookDelivery(event('msg_late', 'r1'))).toBe(false);
    // a record of another clinic with that id does not count either
    const other = await store.createClinic('B');
    await store.createRecord({ id: 'r2', kind: 'consultation', clinicId: other.id, input: {}, createdBy: null });
    expect(await store.addWebhookDelivery(event('msg_other', 'r2'))).toBe(false);
    expect(await store.listWebhookDeliveries(clinic.id)).toEqual([]);
    // a record that exists, and a test event (no record), are queued
    await store.createRecord({ id: 'r3', kind: 'consultation', clinicId: clinic.id, input: {}, createdBy: null });
    expect(await store.addWebhookDelivery(event('msg_ok', 'r3'))).toBe(true);
    expect(await store.addWebhookDelivery(event('msg_test', null))).toBe(true);
    expect((await store.listWebhookDeliveries(clinic.id)).map((d) => d.id).sort()).toEqual(['msg_ok', 'msg_test']);
  });

  it('purges keys older than a time', async () => {
    await store.claimIdempotencyKey(entry({ key: 'old', createdAt: '2026-11-20T00:00:00.000Z' }));
    await store.claimIdempotencyKey(entry({ key: 'new', createdAt: '2026-11-22T00:00:00.000Z' }));
    expect(await store.purgeIdempotencyKeys('2026-11-21T00:00:00.000Z')).toBe(1);
    expect(await store.claimIdempotencyKey(entry({ key: 'old', recordId: 'x' }))).toBeNull();
    expect(await store.claimIdempotencyKey(entry({ key: 'new', recordId: 'x' }))).not.toBeNull();
  });
});
