// The embedded default store: one SQLite file (WAL) under the data directory.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { PRIVATE_DIR, PRIVATE_FILE } from './file-blobs.js';
import {
  DEFAULT_LIST_LIMIT,
  WEBHOOK_REMOVED,
  type ApiKeyRecord,
  type AuditLogEntry,
  type Clinic,
  type IdempotencyEntry,
  type KeyRevocation,
  type KeyScope,
  type ListRecordsOptions,
  type RecordKind,
  type Store,
  type StoredRecord,
  type UploadTokenRecord,
  type WebhookAttempt,
  type WebhookDelivery,
  type WebhookRecord,
} from './store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS clinics (
  id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL, settings TEXT
);
CREATE TABLE IF NOT EXISTS api_keys (
  id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL REFERENCES clinics(id) ON DELETE CASCADE,
  hash TEXT NOT NULL UNIQUE, prefix TEXT NOT NULL, created_at TEXT NOT NULL, revoked_at TEXT,
  label TEXT, last_used_at TEXT
);
CREATE TABLE IF NOT EXISTS upload_tokens (
  id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL REFERENCES clinics(id) ON DELETE CASCADE, key_id TEXT,
  client_ref TEXT, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT
);
CREATE INDEX IF NOT EXISTS upload_tokens_by_clinic ON upload_tokens (clinic_id, expires_at);
CREATE TABLE IF NOT EXISTS records (
  id TEXT PRIMARY KEY, kind TEXT NOT NULL, clinic_id TEXT NOT NULL, status TEXT NOT NULL,
  created_at TEXT NOT NULL, updated_at TEXT NOT NULL, input TEXT NOT NULL, result TEXT, error TEXT,
  created_by TEXT, client_ref TEXT
);
CREATE INDEX IF NOT EXISTS records_by_clinic ON records (clinic_id, kind, created_at);
CREATE INDEX IF NOT EXISTS records_by_status ON records (status);
CREATE TABLE IF NOT EXISTS access_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, clinic_id TEXT NOT NULL, actor TEXT NOT NULL,
  action TEXT NOT NULL, target TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS access_log_by_clinic ON access_log (clinic_id, seq);
CREATE INDEX IF NOT EXISTS access_log_by_clinic_time ON access_log (clinic_id, at, seq);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  clinic_id TEXT NOT NULL, kind TEXT NOT NULL, scope TEXT NOT NULL, key TEXT NOT NULL,
  fingerprint TEXT NOT NULL, record_id TEXT NOT NULL, mode TEXT NOT NULL, created_at TEXT NOT NULL,
  PRIMARY KEY (clinic_id, kind, scope, key)
);
CREATE INDEX IF NOT EXISTS idempotency_by_record ON idempotency_keys (record_id);
CREATE TABLE IF NOT EXISTS webhooks (
  id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL UNIQUE, url TEXT NOT NULL, events TEXT NOT NULL, created_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  id TEXT PRIMARY KEY, clinic_id TEXT NOT NULL, webhook_id TEXT NOT NULL, type TEXT NOT NULL, record_id TEXT,
  payload TEXT NOT NULL, status TEXT NOT NULL, attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at TEXT,
  last_attempt_at TEXT, last_status INTEGER, last_error TEXT, created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_clinic ON webhook_deliveries (clinic_id, created_at);
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_record ON webhook_deliveries (record_id);
`;

interface RecordRow {
  id: string;
  kind: RecordKind;
  clinic_id: string;
  status: StoredRecord['status'];
  created_at: string;
  updated_at: string;
  input: string;
  result: string | null;
  error: string | null;
  created_by: string | null;
  client_ref: string | null;
}

export class SqliteStore implements Store {
  private readonly db: Database.Database;

  constructor(file: string) {
    if (file !== ':memory:') keepPrivate(file);
    this.db = new Database(file);
    // WAL + synchronous NORMAL: a crash loses at most the last transactions, never corrupts the file.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    // Deleted rows are medical data: overwrite them in the file instead of leaving them in free pages.
    this.db.pragma('secure_delete = ON');
    this.db.exec(SCHEMA);
    // Databases made before created_by existed get the column (additive migration).
    const cols = this.db.prepare(`PRAGMA table_info(records)`).all() as { name: string }[];
    if (!cols.some((c) => c.name === 'created_by')) this.db.exec(`ALTER TABLE records ADD COLUMN created_by TEXT`);
    if (!cols.some((c) => c.name === 'client_ref')) this.db.exec(`ALTER TABLE records ADD COLUMN client_ref TEXT`);
    this.db.exec(`CREATE INDEX IF NOT EXISTS records_by_client ON records (clinic_id, client_ref, created_at)`);
    // ... and api_keys before labels and last use.
    const keyCols = this.db.prepare(`PRAGMA table_info(api_keys)`).all() as { name: string }[];
    if (!keyCols.some((c) => c.name === 'label')) this.db.exec(`ALTER TABLE api_keys ADD COLUMN label TEXT`);
    if (!keyCols.some((c) => c.name === 'last_used_at')) this.db.exec(`ALTER TABLE api_keys ADD COLUMN last_used_at TEXT`);
    // ... and before scopes: those keys could do everything, so they stay admin (NULL reads as admin).
    if (!keyCols.some((c) => c.name === 'scope')) this.db.exec(`ALTER TABLE api_keys ADD COLUMN scope TEXT`);
    this.scrubStoredFileNames();
  }

  /**
   * Failed records stored before session 45 name the photo's file in their error (`photo 1, field "top"
   * (HOSP-77821_front.jpg): why`), often the client's name, which GET and the client's export showed; it
   * is taken out (the photo's number and field stay). One scan of
   * the failed records' errors on open.
   */
  private scrubStoredFileNames(): void {
    const rows = this.db.prepare(`SELECT id, kind, clinic_id AS clinicId, error FROM records WHERE status = 'failed' AND error LIKE '%photo %, field %(%'`).all() as { id: string; kind: string; clinicId: string; error: string }[];
    const update = this.db.prepare(`UPDATE records SET error = ? WHERE id = ? AND kind = ? AND clinic_id = ?`);
    for (const r of rows) {
      const error = JSON.parse(r.error) as { detail?: unknown };
      if (typeof error.detail !== 'string') continue;
      const detail = withoutPhotoFileName(error.detail);
      if (detail !== error.detail) update.run(JSON.stringify({ ...error, detail }), r.id, r.kind, r.clinicId);
    }
  }

  async createRecord(rec: Pick<StoredRecord, 'id' | 'kind' | 'clinicId' | 'input' | 'createdBy'> & { clientRef?: string | null }): Promise<StoredRecord> {
    const now = new Date().toISOString();
    const clientRef = rec.clientRef ?? null;
    this.db
      .prepare(
        `INSERT INTO records (id, kind, clinic_id, status, created_at, updated_at, input, created_by, client_ref) VALUES (?, ?, ?, 'processing', ?, ?, ?, ?, ?)`,
      )
      .run(rec.id, rec.kind, rec.clinicId, now, now, JSON.stringify(rec.input), rec.createdBy, clientRef);
    return { ...rec, clientRef, status: 'processing', createdAt: now, updatedAt: now, result: null, error: null };
  }

  async completeRecord(kind: RecordKind, clinicId: string, id: string, result: Record<string, unknown>): Promise<boolean> {
    return (
      this.db
        .prepare(`UPDATE records SET status = 'completed', result = ?, error = NULL, updated_at = ? WHERE id = ? AND kind = ? AND clinic_id = ?`)
        .run(JSON.stringify(result), new Date().toISOString(), id, kind, clinicId).changes > 0
    );
  }

  async failRecord(kind: RecordKind, clinicId: string, id: string, error: StoredRecord['error'] & object): Promise<void> {
    this.db
      .prepare(`UPDATE records SET status = 'failed', error = ?, updated_at = ? WHERE id = ? AND kind = ? AND clinic_id = ?`)
      .run(JSON.stringify(error), new Date().toISOString(), id, kind, clinicId);
  }

  async recordIds(clinicId: string): Promise<Set<string>> {
    return new Set(this.db.prepare(`SELECT id FROM records WHERE clinic_id = ?`).pluck().all(clinicId) as string[]);
  }

  async getRecord(kind: RecordKind, clinicId: string, id: string): Promise<StoredRecord | null> {
    const row = this.db.prepare(`SELECT * FROM records WHERE id = ? AND kind = ? AND clinic_id = ?`).get(id, kind, clinicId) as
      | RecordRow
      | undefined;
    return row ? toRecord(row) : null;
  }

  async listRecords(kind: RecordKind, clinicId: string, opts: ListRecordsOptions = {}): Promise<StoredRecord[]> {
    const limit = Math.min(Math.max(opts.limit ?? DEFAULT_LIST_LIMIT, 1), 500);
    const byClient = opts.clientRef !== undefined ? ' AND client_ref = ?' : '';
    const before = opts.before ?? '9999';
    // With beforeId, records created in the same millisecond as the page's last one come next in id order
    // instead of being skipped by created_at < before.
    const page = opts.beforeId !== undefined ? '(created_at < ? OR (created_at = ? AND id < ?))' : 'created_at < ?';
    const rows = this.db
      .prepare(`SELECT * FROM records WHERE kind = ? AND clinic_id = ?${byClient} AND ${page} ORDER BY created_at DESC, id DESC LIMIT ?`)
      .all(
        kind,
        clinicId,
        ...(opts.clientRef !== undefined ? [opts.clientRef] : []),
        ...(opts.beforeId !== undefined ? [before, before, opts.beforeId] : [before]),
        limit,
      ) as RecordRow[];
    return rows.map(toRecord);
  }

  async listClientRecords(kind: RecordKind, clinicId: string, clientRef: string): Promise<StoredRecord[]> {
    const rows = this.db
      .prepare(`SELECT * FROM records WHERE kind = ? AND clinic_id = ? AND client_ref = ? ORDER BY created_at, id`)
      .all(kind, clinicId, clientRef) as RecordRow[];
    return rows.map(toRecord);
  }

  async deleteRecord(kind: RecordKind, clinicId: string, id: string): Promise<boolean> {
    const deleted = this.db.transaction(() => {
      // The record first: an id of the other kind (DELETE /v1/audits/<a consultation's id>) deletes nothing,
      // so it must not take that record's idempotency keys and webhook events either.
      if (this.db.prepare(`DELETE FROM records WHERE id = ? AND kind = ? AND clinic_id = ?`).run(id, kind, clinicId).changes === 0) return false;
      this.db.prepare(`DELETE FROM idempotency_keys WHERE record_id = ? AND clinic_id = ?`).run(id, clinicId);
      this.db.prepare(`DELETE FROM webhook_deliveries WHERE record_id = ? AND clinic_id = ?`).run(id, clinicId);
      return true;
    })();
    if (deleted) this.forgetDeleted();
    return deleted;
  }

  /**
   * The write-ahead log still holds the pages as they were before a deletion until it is checkpointed and
   * reused: checkpoint it into the database (where secure_delete has zeroed the rows) and truncate it.
   */
  private forgetDeleted(): void {
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async failInterrupted(): Promise<{ clinicId: string; kind: RecordKind; id: string }[]> {
    const error = JSON.stringify({ title: 'Analysis interrupted', detail: 'the service stopped during this analysis; submit the photos again' });
    return this.db
      .prepare(`UPDATE records SET status = 'failed', error = ?, updated_at = ? WHERE status = 'processing' RETURNING clinic_id AS clinicId, kind, id`)
      .all(error, new Date().toISOString()) as { clinicId: string; kind: RecordKind; id: string }[];
  }

  async createClinic(name: string, id: string = randomUUID()): Promise<Clinic> {
    const clinic: Clinic = { id, name, createdAt: new Date().toISOString(), settings: null };
    this.db.prepare(`INSERT INTO clinics (id, name, created_at) VALUES (?, ?, ?)`).run(clinic.id, name, clinic.createdAt);
    return clinic;
  }

  async getClinic(id: string): Promise<Clinic | null> {
    return toClinic(this.db.prepare(`SELECT * FROM clinics WHERE id = ?`).get(id));
  }

  async getClinicByName(name: string): Promise<Clinic | null> {
    return toClinic(this.db.prepare(`SELECT * FROM clinics WHERE name = ?`).get(name));
  }

  async listClinics(): Promise<Clinic[]> {
    return this.db.prepare(`SELECT * FROM clinics ORDER BY created_at`).all().map((r) => toClinic(r)!);
  }

  async setClinicSettings(id: string, settings: Record<string, unknown> | null): Promise<void> {
    this.db.prepare(`UPDATE clinics SET settings = ? WHERE id = ?`).run(settings ? JSON.stringify(settings) : null, id);
  }

  async deleteClinic(id: string): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM records WHERE clinic_id = ?`).run(id);
      this.db.prepare(`DELETE FROM access_log WHERE clinic_id = ?`).run(id);
      this.db.prepare(`DELETE FROM idempotency_keys WHERE clinic_id = ?`).run(id);
      this.db.prepare(`DELETE FROM webhook_deliveries WHERE clinic_id = ?`).run(id);
      this.db.prepare(`DELETE FROM webhooks WHERE clinic_id = ?`).run(id);
      this.db.prepare(`DELETE FROM upload_tokens WHERE clinic_id = ?`).run(id);
      this.db.prepare(`DELETE FROM api_keys WHERE clinic_id = ?`).run(id);
      this.db.prepare(`DELETE FROM clinics WHERE id = ?`).run(id);
    })();
    this.forgetDeleted();
  }

  async addApiKey(clinicId: string, hash: string, prefix: string, label: string | null = null, scope: KeyScope = 'admin'): Promise<ApiKeyRecord> {
    const rec: ApiKeyRecord = { id: randomUUID(), clinicId, prefix, label, createdAt: new Date().toISOString(), revokedAt: null, lastUsedAt: null, scope };
    this.db
      .prepare(`INSERT INTO api_keys (id, clinic_id, hash, prefix, label, created_at, scope) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(rec.id, clinicId, hash, prefix, label, rec.createdAt, scope);
    return rec;
  }

  async findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    return toApiKey(this.db.prepare(`SELECT * FROM api_keys WHERE hash = ? AND revoked_at IS NULL`).get(hash));
  }

  async getApiKey(clinicId: string, id: string): Promise<ApiKeyRecord | null> {
    return this.selectApiKey(clinicId, id);
  }

  /** Synchronous, so revokeApiKey can read and write in one transaction. */
  private selectApiKey(clinicId: string, id: string): ApiKeyRecord | null {
    return toApiKey(this.db.prepare(`SELECT * FROM api_keys WHERE id = ? AND clinic_id = ?`).get(id, clinicId));
  }

  async listApiKeys(clinicId: string): Promise<ApiKeyRecord[]> {
    const rows = this.db.prepare(`SELECT * FROM api_keys WHERE clinic_id = ? ORDER BY created_at DESC, rowid DESC`).all(clinicId);
    return rows.map((r) => toApiKey(r)!);
  }

  async revokeApiKey(clinicId: string, id: string, opts: { keepOne?: boolean } = {}): Promise<{ key: ApiKeyRecord; outcome: KeyRevocation } | null> {
    // One transaction: two requests revoking a clinic's last two keys at once cannot both pass the check.
    return this.db.transaction(() => {
      const key = this.selectApiKey(clinicId, id);
      if (!key) return null;
      if (key.revokedAt) return { key, outcome: 'already-revoked' as const };
      if (opts.keepOne) {
        const { n, admins } = this.db
          .prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(scope IS NULL OR scope = 'admin'), 0) AS admins FROM api_keys WHERE clinic_id = ? AND revoked_at IS NULL`)
          .get(clinicId) as { n: number; admins: number };
        if (n <= 1 || (key.scope === 'admin' && admins <= 1)) return { key, outcome: 'last-active-key' as const };
      }
      const revokedAt = new Date().toISOString();
      this.db.prepare(`UPDATE api_keys SET revoked_at = ? WHERE id = ?`).run(revokedAt, id);
      return { key: { ...key, revokedAt }, outcome: 'revoked' as const };
    }).immediate();
  }

  async touchApiKey(id: string, at: string): Promise<void> {
    this.db.prepare(`UPDATE api_keys SET last_used_at = ? WHERE id = ?`).run(at, id);
  }

  async addUploadToken(t: Omit<UploadTokenRecord, 'revokedAt'>): Promise<void> {
    this.db
      .prepare(`INSERT INTO upload_tokens (id, clinic_id, key_id, client_ref, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(t.id, t.clinicId, t.keyId, t.clientRef, t.createdAt, t.expiresAt);
  }

  async getUploadToken(clinicId: string, id: string): Promise<UploadTokenRecord | null> {
    return toUploadToken(this.db.prepare(`SELECT * FROM upload_tokens WHERE id = ? AND clinic_id = ?`).get(id, clinicId));
  }

  async listUploadTokens(clinicId: string, now: string, opts: { limit?: number; clientRef?: string } = {}): Promise<UploadTokenRecord[]> {
    const byClient = opts.clientRef !== undefined ? ' AND client_ref = ?' : '';
    const rows = this.db
      .prepare(`SELECT * FROM upload_tokens WHERE clinic_id = ? AND expires_at > ?${byClient} ORDER BY created_at DESC, rowid DESC LIMIT ?`)
      .all(clinicId, now, ...(opts.clientRef !== undefined ? [opts.clientRef] : []), opts.limit ?? -1);
    return rows.map((r) => toUploadToken(r)!);
  }

  async revokeUploadToken(clinicId: string, id: string): Promise<boolean> {
    const { changes } = this.db
      .prepare(`UPDATE upload_tokens SET revoked_at = ? WHERE id = ? AND clinic_id = ? AND revoked_at IS NULL`)
      .run(new Date().toISOString(), id, clinicId);
    return changes > 0;
  }

  async deleteClientUploadTokens(clinicId: string, clientRef: string): Promise<number> {
    const changes = this.db.prepare(`DELETE FROM upload_tokens WHERE clinic_id = ? AND client_ref = ?`).run(clinicId, clientRef).changes;
    // the erased client's reference must not stay behind in the write-ahead log
    if (changes) this.forgetDeleted();
    return changes;
  }

  async purgeUploadTokens(before: string): Promise<number> {
    return this.db.prepare(`DELETE FROM upload_tokens WHERE expires_at < ?`).run(before).changes;
  }

  async claimIdempotencyKey(e: IdempotencyEntry): Promise<IdempotencyEntry | null> {
    const inserted = this.db
      .prepare(
        `INSERT INTO idempotency_keys (clinic_id, kind, scope, key, fingerprint, record_id, mode, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (clinic_id, kind, scope, key) DO NOTHING`,
      )
      .run(e.clinicId, e.kind, e.scope, e.key, e.fingerprint, e.recordId, e.mode, e.createdAt).changes;
    if (inserted) return null;
    const r = this.db.prepare(`SELECT * FROM idempotency_keys WHERE clinic_id = ? AND kind = ? AND scope = ? AND key = ?`).get(e.clinicId, e.kind, e.scope, e.key) as
      | { clinic_id: string; kind: RecordKind; scope: string; key: string; fingerprint: string; record_id: string; mode: 'sync' | 'async'; created_at: string }
      | undefined;
    // Released between the two statements: take it now.
    if (!r) return this.claimIdempotencyKey(e);
    return { clinicId: r.clinic_id, kind: r.kind, scope: r.scope, key: r.key, fingerprint: r.fingerprint, recordId: r.record_id, mode: r.mode, createdAt: r.created_at };
  }

  async releaseIdempotencyKey(e: Pick<IdempotencyEntry, 'clinicId' | 'kind' | 'scope' | 'key'>): Promise<void> {
    this.db.prepare(`DELETE FROM idempotency_keys WHERE clinic_id = ? AND kind = ? AND scope = ? AND key = ?`).run(e.clinicId, e.kind, e.scope, e.key);
  }

  async purgeIdempotencyKeys(before: string): Promise<number> {
    return this.db.prepare(`DELETE FROM idempotency_keys WHERE created_at < ?`).run(before).changes;
  }

  async setWebhook(clinicId: string, url: string, events: string[]): Promise<WebhookRecord> {
    const hook: WebhookRecord = { id: randomUUID(), clinicId, url, events, createdAt: new Date().toISOString() };
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM webhooks WHERE clinic_id = ?`).run(clinicId);
      this.db.prepare(`INSERT INTO webhooks (id, clinic_id, url, events, created_at) VALUES (?, ?, ?, ?, ?)`).run(hook.id, clinicId, url, JSON.stringify(events), hook.createdAt);
    })();
    return hook;
  }

  async getWebhook(clinicId: string): Promise<WebhookRecord | null> {
    const r = this.db.prepare(`SELECT * FROM webhooks WHERE clinic_id = ?`).get(clinicId) as
      | { id: string; clinic_id: string; url: string; events: string; created_at: string }
      | undefined;
    return r ? { id: r.id, clinicId: r.clinic_id, url: r.url, events: JSON.parse(r.events) as string[], createdAt: r.created_at } : null;
  }

  async deleteWebhook(clinicId: string): Promise<boolean> {
    return this.db.transaction(() => {
      // Undelivered events end as failed (and stay listed): nowhere to send them any more.
      this.db
        .prepare(`UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = ? WHERE clinic_id = ? AND status = 'pending'`)
        .run(WEBHOOK_REMOVED, clinicId);
      return this.db.prepare(`DELETE FROM webhooks WHERE clinic_id = ?`).run(clinicId).changes > 0;
    })();
  }

  async addWebhookDelivery(d: Pick<WebhookDelivery, 'id' | 'clinicId' | 'webhookId' | 'type' | 'recordId' | 'payload'> & { nextAttemptAt: string }): Promise<boolean> {
    // Only while the record still exists, in the same statement: the payload was built from a read of it,
    // and a deletion (or a client's erasure) between that read and this insert would otherwise leave an
    // event behind carrying the deleted record's clientRef.
    const inserted = this.db
      .prepare(
        `INSERT INTO webhook_deliveries (id, clinic_id, webhook_id, type, record_id, payload, status, next_attempt_at, created_at)
         SELECT ?, ?, ?, ?, ?, ?, 'pending', ?, ? WHERE ? IS NULL OR EXISTS (SELECT 1 FROM records WHERE id = ? AND clinic_id = ?)`,
      )
      .run(d.id, d.clinicId, d.webhookId, d.type, d.recordId, d.payload, d.nextAttemptAt, new Date().toISOString(), d.recordId, d.recordId, d.clinicId);
    return inserted.changes > 0;
  }

  async leaseDueWebhookDeliveries(now: string, leaseUntil: string, limit: number, busy: readonly string[] = []): Promise<WebhookDelivery[]> {
    return this.db.transaction(() => {
      // One per clinic: a receiver that never answers held every slot with its own backlog, and every
      // other clinic's events waited behind it (72 s for 24 queued events in the webhook review).
      const rows = this.db
        .prepare(
          `SELECT * FROM (
             SELECT *, ROW_NUMBER() OVER (PARTITION BY clinic_id ORDER BY next_attempt_at, id) AS nth FROM webhook_deliveries
             WHERE status = 'pending' AND next_attempt_at <= ? AND clinic_id NOT IN (SELECT value FROM json_each(?))
           ) WHERE nth = 1 ORDER BY next_attempt_at LIMIT ?`,
        )
        .all(now, JSON.stringify(busy), limit) as DeliveryRow[];
      const lease = this.db.prepare(`UPDATE webhook_deliveries SET next_attempt_at = ? WHERE id = ?`);
      for (const r of rows) lease.run(leaseUntil, r.id);
      return rows.map(toDelivery);
    }).immediate();
  }

  async nextWebhookDue(busy: readonly string[] = []): Promise<string | null> {
    const r = this.db
      .prepare(`SELECT MIN(next_attempt_at) AS due FROM webhook_deliveries WHERE status = 'pending' AND clinic_id NOT IN (SELECT value FROM json_each(?))`)
      .get(JSON.stringify(busy)) as { due: string | null };
    return r.due;
  }

  async recordWebhookAttempt(id: string, a: WebhookAttempt): Promise<void> {
    const status = a.delivered ? 'delivered' : a.nextAttemptAt ? 'pending' : 'failed';
    this.db
      .prepare(
        `UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_attempt_at = ?, last_status = ?, last_error = ? WHERE id = ?`,
      )
      .run(status, a.delivered ? null : a.nextAttemptAt, a.at, a.status, a.error, id);
  }

  async requeueWebhookDelivery(clinicId: string, id: string, at: string): Promise<{ delivery: WebhookDelivery; requeued: boolean } | null> {
    return this.db.transaction(() => {
      const select = this.db.prepare(`SELECT * FROM webhook_deliveries WHERE id = ? AND clinic_id = ?`);
      const row = select.get(id, clinicId) as DeliveryRow | undefined;
      if (!row) return null;
      if (row.status === 'pending') return { delivery: toDelivery(row), requeued: false };
      this.db.prepare(`UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ?`).run(at, id);
      return { delivery: toDelivery(select.get(id, clinicId) as DeliveryRow), requeued: true };
    }).immediate();
  }

  async listWebhookDeliveries(clinicId: string, limit = 50): Promise<WebhookDelivery[]> {
    const rows = this.db
      .prepare(`SELECT * FROM webhook_deliveries WHERE clinic_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?`)
      .all(clinicId, Math.min(Math.max(limit, 1), 500)) as DeliveryRow[];
    return rows.map(toDelivery);
  }

  async purgeWebhookDeliveries(before: string): Promise<number> {
    return this.db.prepare(`DELETE FROM webhook_deliveries WHERE status != 'pending' AND created_at < ?`).run(before).changes;
  }

  async logAccess(entry: Omit<AuditLogEntry, 'at'>): Promise<void> {
    // Not for a clinic already deleted (a request still in flight when it went): nothing would ever remove the row.
    this.db
      .prepare(`INSERT INTO access_log (at, clinic_id, actor, action, target) SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM clinics WHERE id = ?)`)
      .run(new Date().toISOString(), entry.clinicId, entry.actor, entry.action, entry.target, entry.clinicId);
  }

  async renameAccessTarget(clinicId: string, from: string, to: string): Promise<number> {
    const changes = this.db.prepare(`UPDATE access_log SET target = ? WHERE clinic_id = ? AND target = ?`).run(to, clinicId, from).changes;
    // a client's erasure renames its log entries: the old names must not stay behind in the write-ahead log
    if (changes) this.forgetDeleted();
    return changes;
  }

  async readAccessLog(clinicId: string, limit = 100, before?: string): Promise<AuditLogEntry[]> {
    type Row = { seq: number; at: string; clinic_id: string; actor: string; action: string; target: string };
    const n = Math.min(Math.max(limit, 1), 1000);
    const rows = this.db
      .prepare(`SELECT seq, at, clinic_id, actor, action, target FROM access_log WHERE clinic_id = ? AND (? IS NULL OR at < ?) ORDER BY at DESC, seq DESC LIMIT ?`)
      .all(clinicId, before ?? null, before ?? null, n) as Row[];
    // In time order, as the cursor is a time (in insertion order, a clock stepped back had hidden entries
    // from every page). A full page ends with every entry of its last millisecond: the next starts before it.
    const last = rows.length === n ? rows[rows.length - 1] : undefined;
    if (last) {
      rows.push(...(this.db.prepare(`SELECT seq, at, clinic_id, actor, action, target FROM access_log WHERE clinic_id = ? AND at = ? AND seq < ? ORDER BY seq DESC`).all(clinicId, last.at, last.seq) as Row[]));
    }
    return rows.map((r) => ({ at: r.at, clinicId: r.clinic_id, actor: r.actor, action: r.action, target: r.target }));
  }

  async close(): Promise<void> {
    this.db.close();
  }
}

function toRecord(row: RecordRow): StoredRecord {
  return {
    id: row.id,
    kind: row.kind,
    clinicId: row.clinic_id,
    createdBy: row.created_by,
    clientRef: row.client_ref,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    input: JSON.parse(row.input) as Record<string, unknown>,
    result: row.result ? (JSON.parse(row.result) as Record<string, unknown>) : null,
    error: row.error ? (JSON.parse(row.error) as StoredRecord['error']) : null,
  };
}

interface DeliveryRow {
  id: string;
  clinic_id: string;
  webhook_id: string;
  type: string;
  record_id: string | null;
  payload: string;
  status: WebhookDelivery['status'];
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_status: number | null;
  last_error: string | null;
  created_at: string;
}

function toDelivery(r: DeliveryRow): WebhookDelivery {
  return {
    id: r.id,
    clinicId: r.clinic_id,
    webhookId: r.webhook_id,
    type: r.type,
    recordId: r.record_id,
    payload: r.payload,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    lastAttemptAt: r.last_attempt_at,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at,
  };
}

function toApiKey(row: unknown): ApiKeyRecord | null {
  if (!row) return null;
  const r = row as { id: string; clinic_id: string; prefix: string; label: string | null; created_at: string; revoked_at: string | null; last_used_at: string | null; scope: string | null };
  return { id: r.id, clinicId: r.clinic_id, prefix: r.prefix, label: r.label, createdAt: r.created_at, revokedAt: r.revoked_at, lastUsedAt: r.last_used_at, scope: r.scope === 'standard' ? 'standard' : 'admin' };
}

function toUploadToken(row: unknown): UploadTokenRecord | null {
  if (!row) return null;
  const r = row as { id: string; clinic_id: string; key_id: string | null; client_ref: string | null; created_at: string; expires_at: string; revoked_at: string | null };
  return { id: r.id, clinicId: r.clinic_id, keyId: r.key_id, clientRef: r.client_ref, createdAt: r.created_at, expiresAt: r.expires_at, revokedAt: r.revoked_at };
}

function toClinic(row: unknown): Clinic | null {
  if (!row) return null;
  const r = row as { id: string; name: string; created_at: string; settings: string | null };
  return { id: r.id, name: r.name, createdAt: r.created_at, settings: r.settings ? (JSON.parse(r.settings) as Record<string, unknown>) : null };
}

/**
 * The database holds medical data: it is made readable by the service user alone, and one an older
 * version left readable by others is closed to them. SQLite gives its -wal and -shm files the
 * database's own permissions, so they follow. The folder holding it is left as it is when it exists: it
 * may be one the administrator shares (SMP_DATA_DIR=/srv), and a chmod there would lock others out.
 */
function keepPrivate(file: string): void {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR });
  if (!existsSync(file)) closeSync(openSync(file, 'a', PRIVATE_FILE));
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    if (!existsSync(f) || (statSync(f).mode & 0o077) === 0) continue;
    try {
      chmodSync(f, PRIVATE_FILE);
    } catch {
      // Not the service user's file (an administrator's own set-up): theirs to decide.
    }
  }
}

/** `photo 1, field "top" (IMG_1.jpg): why` without the file's name: `photo 1, field "top": why`. */
export function withoutPhotoFileName(detail: string): string {
  return detail.replace(/^(photo \d+, field "[^"]*") \(.*?\): /, '$1: ');
}
