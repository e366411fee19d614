// The HTTP server: config from the environment, graceful shutdown on SIGINT/SIGTERM.
import closeWithGrace from 'close-with-grace';
import { dataDir, pipelineConfig } from '../pipeline/config.js';
import { build, LOGGER_OPTIONS } from './build.js';
import { closingStep } from './plugins/services.js';
import { fallbackFontPath } from '../plan/render/fonts.js';
import { uploadTimeoutMsFromEnv } from './plugins/uploads.js';

/** How long a stop may take before the process exits with 1 anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * How long a stop lets open requests finish before it closes their connections, so the close steps
 * (webhooks, workers, store) still run within SHUTDOWN_GRACE_MS: a client that keeps a request open
 * (an upload that stalls, a keep-alive connection the server still counts as busy) cannot hold it up.
 */
export const CONNECTION_GRACE_MS = 5_000;

/** How long a stop lets running analyses finish before it stops them, leaving time to answer their requests before the connections are cut. */
const ANALYSIS_GRACE_MS = 3_000;

/**
 * Where `smp serve` listens: PORT (default 8080) and HOST (default 0.0.0.0). An empty one counts as unset,
 * as for every SMP_* setting: `PORT=` (a blank line in an env file) read as 0, a random port.
 */
export function listenAddress(env: NodeJS.ProcessEnv = process.env): { port: number; host: string } {
  const raw = env.PORT?.trim() || '8080';
  const port = /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!(port <= 65535)) throw new RangeError(`PORT must be 0..65535, got "${env.PORT}"`);
  return { port, host: env.HOST?.trim() || '0.0.0.0' };
}

/**
 * Socket limits, so a client that sends nothing, or trickles its headers or a body the service has already
 * refused, cannot hold a connection for ever (fastify sets none: connections stayed open 80 s and more):
 * - requestTimeout: the whole request must arrive within the upload limit and 30 s (an upload the service
 *   took is answered 408 at the upload limit itself); with it Node's 60 s limit on the headers applies too;
 * - connectionTimeout: a socket silent for longer than an analysis may take, and 60 s, is closed (a sync
 *   request waits silently while its analysis runs: no shorter).
 * 0 (no limit) where the setting they follow is 0.
 */
export function socketTimeouts(uploadTimeoutMs: number, analysisTimeoutMs: number): { requestTimeout: number; connectionTimeout: number } {
  return {
    requestTimeout: uploadTimeoutMs > 0 ? uploadTimeoutMs + 30_000 : 0,
    connectionTimeout: analysisTimeoutMs > 0 ? analysisTimeoutMs + 60_000 : 0,
  };
}

export async function startServer(): Promise<void> {
  const { port, host } = listenAddress();
  const auth = (process.env.SMP_AUTH ?? 'on') !== 'off';
  const webhooks = { allowPrivate: process.env.SMP_WEBHOOK_ALLOW_PRIVATE === '1' };
  const reportFallbackFont = fallbackFontPath(); // a wrong SMP_REPORT_FALLBACK_FONT stops the start, not every report
  const pipeline = pipelineConfig();
  const timeouts = socketTimeouts(uploadTimeoutMsFromEnv(), pipeline.analysisTimeoutMs);
  const app = await build({ dataDir: dataDir(), pipeline, auth, webhooks }, { logger: LOGGER_OPTIONS, trustProxy: process.env.SMP_TRUST_PROXY === '1', ...timeouts });
  // close-with-grace's own messages (a timeout, a second signal or error) go to the service's JSON log,
  // the timeout naming the close step it gave up on.
  const logger = { error: (msg: unknown) => app.log.error(msg instanceof Error ? { err: msg } : { detail: String(msg) }, 'shutdown') };
  const onTimeout = (ms: number) => app.log.error({ ms, waitingOn: closingStep ?? 'open connections or requests' }, 'shutdown timed out, exiting with 1');
  const grace = closeWithGrace({ delay: SHUTDOWN_GRACE_MS, logger, onTimeout }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    const cut = setTimeout(() => {
      app.server.getConnections((_, open) => app.log.warn({ open, afterMs: CONNECTION_GRACE_MS }, 'closing the connections still open'));
      app.server.closeAllConnections();
    }, CONNECTION_GRACE_MS);
    cut.unref();
    // Analyses still running ANALYSIS_GRACE_MS in are stopped, so a synchronous request waiting for one is
    // answered (503 analysis-interrupted: send it again) before its connection is cut: four 5-photo uploads
    // had their connections cut at 5 s with no answer. Shorter ones finish and are answered as usual; the
    // workers' close step then finds them stopped.
    const interrupt = setTimeout(() => void app.pool.close(), ANALYSIS_GRACE_MS);
    interrupt.unref();
    try {
      await app.close();
    } finally {
      clearTimeout(cut);
      clearTimeout(interrupt);
    }
  });
  try {
    await app.listen({ port, host });
  } catch (err) {
    // The start failed (the port is taken): exit 1 once the workers and the store are closed. close-with-grace
    // would close them on the empty event loop too, and then exit 0, a clean stop to a supervisor.
    grace.uninstall();
    await app.close();
    throw err;
  }
  if (!auth) app.log.warn('SMP_AUTH=off: every request acts as the single local clinic');
  if (!reportFallbackFont && process.env.SMP_REPORT_FALLBACK_FONT?.trim() !== 'none') {
    app.log.warn('no fallback font for reports (apt-get install fonts-droid-fallback, or SMP_REPORT_FALLBACK_FONT): Chinese, Japanese and Korean show as empty boxes in report.pdf');
  }
  if (webhooks.allowPrivate) app.log.warn('SMP_WEBHOOK_ALLOW_PRIVATE=1: webhooks may call http:// and private addresses');
}
