// The webhook outbox against a local receiver: events delivered per second through the outbox (store
// write, lease, sign, POST, record the attempt) as a ratio to the floor, the same signed POSTs sent
// directly at the same concurrency in the same run. Also what queuing an event costs the request that
// finished a record, as a ratio to one SQLite read of that record.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../src/store/sqlite-store.js';
import { WebhookDispatcher } from '../src/api/webhooks/dispatcher.js';
import { sendWebhook } from '../src/api/webhooks/send.js';
import { signedHeaders, webhookSecret } from '../src/api/webhooks/signing.js';
import { median } from './_photos.js';

const EVENTS = 400;
const CONCURRENCY = 4;

export async function run(): Promise<void> {
  let received = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-webhooks-'));
  const store = new SqliteStore(join(dir, 'smp.sqlite'));
  const tokenSecret = Buffer.alloc(32, 3);
  const policy = { allowPrivate: true };
  try {
    const clinicId = (await store.createClinic('bench')).id;
    const hook = await store.setWebhook(clinicId, url, ['consultation.completed']);
    const ids: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const id = `rec-${i}`;
      await store.createRecord({ id, kind: 'consultation', clinicId, input: {}, createdBy: 'bench' });
      ids.push(id);
    }

    // Floor: the same signed POSTs, CONCURRENCY at a time, no store.
    const secret = webhookSecret(tokenSecret, hook.id);
    const body = JSON.stringify({ type: 'consultation.completed', timestamp: new Date().toISOString(), data: { id: 'x' } });
    const direct = async (): Promise<number> => {
      const t0 = performance.now();
      for (let i = 0; i < EVENTS; i += CONCURRENCY) {
        await Promise.all(
          Array.from({ length: Math.min(CONCURRENCY, EVENTS - i) }, (_, k) =>
            sendWebhook({ url, body, headers: signedHeaders(secret, `msg_${i + k}`, new Date(), body), timeoutMs: 5000, policy }),
          ),
        );
      }
      return EVENTS / ((performance.now() - t0) / 1000);
    };

    // Ours: queue every event, wait until all are delivered.
    const outbox = async (): Promise<{ perSecond: number; notifyUs: number[] }> => {
      const d = new WebhookDispatcher(store, { tokenSecret, policy, concurrency: CONCURRENCY });
      const start = received;
      const notifyUs: number[] = [];
      const t0 = performance.now();
      for (const id of ids) {
        const n0 = performance.now();
        await d.notify(clinicId, { type: 'consultation.completed', kind: 'consultation', recordId: id });
        notifyUs.push((performance.now() - n0) * 1000);
      }
      while (received - start < EVENTS) await new Promise((r) => setTimeout(r, 5));
      const perSecond = EVENTS / ((performance.now() - t0) / 1000);
      await d.close();
      return { perSecond, notifyUs };
    };

    const readUs: number[] = [];
    for (const id of ids.slice(0, 200)) {
      const r0 = performance.now();
      await store.getRecord('consultation', clinicId, id);
      readUs.push((performance.now() - r0) * 1000);
    }

    await direct(); // warm-up
    const floors: number[] = [];
    const ours: number[] = [];
    let notify: number[] = [];
    for (let round = 0; round < 3; round++) {
      floors.push(await direct());
      const o = await outbox();
      ours.push(o.perSecond);
      notify = notify.concat(o.notifyUs);
    }
    const f = median(floors);
    const o = median(ours);
    console.log(`delivery: outbox ${o.toFixed(0)} events/s vs direct signed POSTs ${f.toFixed(0)}/s at concurrency ${CONCURRENCY}: ratio ${(o / f).toFixed(2)} (1.00 = no outbox overhead)`);
    const n = median(notify);
    const r = median(readUs);
    console.log(`queuing one event on the request path: median ${n.toFixed(0)} µs = ${(n / r).toFixed(1)}x one SQLite read of the record (${r.toFixed(0)} µs)`);
  } finally {
    await store.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
}
