// `smp audit --client-ref`: the clinic's reference for the client, checked with the API's clientRef schema
// and shown where the API shows it (beside the audit in the JSON, on the PDF page), and in the summary.
// The audit runs in-process through commander on a small synthetic pair with its outline (no model).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register } from '../../../../src/cli/commands/audit.js';
import { parseClientRef } from '../../../../src/cli/client-ref.js';
import { stripPair } from '../../../helpers/audit-pair.js';
import { BIN } from '../../../helpers/server.js';
import { pdfText } from '../../../helpers/pdf-text.js';
import type { RgbImage } from '../../../../src/vision/image.js';

const RULE =
  "must be the clinic's own id for the client: 1-64 characters, letters, digits and . _ : / -, starting with a letter or digit (not a name or an e-mail address)";

/** Runs `smp audit <args>` in-process; returns what it printed on stdout and stderr. */
async function smpAudit(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  const program = new Command('smp').exitOverride();
  register(program);
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    await program.parseAsync(['node', 'smp', 'audit', ...args]);
    return { stdout: log.mock.calls.map((c) => c.join(' ')).join('\n'), stderr: err.mock.calls.map((c) => c.join(' ')).join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('parseClientRef', () => {
  it("takes what the API's clientRef takes", () => {
    for (const ref of ['P/1042', 'C-0042', 'a', 'file:2026.11_x', 'x'.repeat(64)]) expect(parseClientRef(ref)).toBe(ref);
  });

  it('refuses a name, an e-mail address, an empty or too long value, naming the option, the rule and the value', () => {
    expect(() => parseClientRef('Jane Doe')).toThrow(`--client-ref: ${RULE}; got "Jane Doe"`);
    expect(() => parseClientRef('jane@example.com')).toThrow(`--client-ref: ${RULE}; got "jane@example.com"`);
    expect(() => parseClientRef('')).toThrow(`--client-ref: ${RULE}; got ""`);
    expect(() => parseClientRef('-P1')).toThrow(`got "-P1"`);
    expect(() => parseClientRef('x'.repeat(65))).toThrow(`--client-ref: ${RULE}; got 65 characters`);
  });
});

describe('smp audit --client-ref', () => {
  let dir = '';
  let photos: string[] = [];
  let poly = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'smp-cli-audit-ref-'));
    const { pair, poly: outline } = stripPair(7, 384);
    const write = async (img: RgbImage, name: string) => {
      const path = join(dir, name);
      await sharp(Buffer.from(img.data), { raw: { width: img.width, height: img.height, channels: 3 } }).png().toFile(path);
      return path;
    };
    photos = [`before=${await write(pair.before, 'b.png')}`, `after=${await write(pair.after, 'a.png')}`];
    poly = JSON.stringify(outline);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts the reference beside the audit in the JSON and audit.json, heads the summary with it and draws it on the PDF page', async () => {
    const out = join(dir, 'out');
    const { stdout } = await smpAudit('--json', '--out', out, '--scar-polygon', poly, '--client-ref', 'P/1042', ...photos);
    const a = JSON.parse(stdout);
    expect(Object.keys(a)[0]).toBe('clientRef');
    expect(a.clientRef).toBe('P/1042');
    expect(typeof a.scar.deltaE76.after).toBe('number'); // the audit's own fields are unchanged beside it
    expect(JSON.parse(readFileSync(join(out, 'audit.json'), 'utf8'))).toEqual(a);
    const text = pdfText(readFileSync(join(out, 'audit.pdf')));
    if (text !== null) expect(text).toMatch(/client P\/1042 · \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);

    const summary = await smpAudit('--scar-polygon', poly, '--client-ref', 'P/1042', ...photos);
    expect(summary.stdout.split('\n')[0]).toBe('client P/1042');
    expect(summary.stdout.split('\n')[1]).toMatch(/^scar vs surround ΔE76 /);
  });

  it('leaves the JSON and the summary as they were without it', async () => {
    const { stdout } = await smpAudit('--json', '--scar-polygon', poly, ...photos);
    expect(JSON.parse(stdout)).not.toHaveProperty('clientRef');
    expect((await smpAudit('--scar-polygon', poly, ...photos)).stdout.split('\n')[0]).toMatch(/^scar vs surround ΔE76 /);
  });

  it('refuses a bad reference with the precise error before reading any photo', async () => {
    // the photos do not exist: a check made after reading them would report the missing file instead
    await expect(smpAudit('--json', '--client-ref', 'Jane Doe', 'before=/nonexistent/b.png', 'after=/nonexistent/a.png')).rejects.toThrow(
      `--client-ref: ${RULE}; got "Jane Doe"`,
    );
  });

  // The real command (bin/smp.js runs the build): the error on stderr and exit code 1, as the other
  // argument errors (--px-per-cm, a photo name it does not know) give.
  it.skipIf(!existsSync(join(BIN, '..', '..', 'dist', 'src', 'cli', 'main.js')))('exits 1 with the error on stderr from the built CLI', async () => {
    const run = promisify(execFile);
    await expect(run('node', [BIN, 'audit', '--json', '--client-ref', 'jane@example.com', ...photos], { encoding: 'utf8' })).rejects.toMatchObject({
      code: 1,
      stdout: '',
      stderr: `smp: --client-ref: ${RULE}; got "jane@example.com"\n`,
    });
  });
});
