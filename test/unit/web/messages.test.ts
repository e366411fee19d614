// What the page says when sending fails (web/js/messages.js): plain words, whether the photos are kept and
// what to do; never a status code or the service's own detail of a 500.
import { describe, expect, it } from 'vitest';
import { webModule } from './load.js';

interface ApiModule {
  ApiError: new (status: number, problem: unknown, retryAfterSeconds?: number | null) => Error & { status: number };
}
interface MessagesModule {
  sendFailureText(err: unknown, opts?: { sent?: boolean; kept?: boolean }): string;
  busyMessage(retryAfterSeconds: number | null): string;
  caveatWords(sentence: unknown): string | null;
  gradeCaveats(grade: unknown): string[];
}

const { ApiError } = await webModule<ApiModule>('api.js');
const m = await webModule<MessagesModule>('messages.js');

/** An answer without a problem+json body, as a proxy in front of the service sends it (api.js parseProblem). */
const bare = (status: number) => new ApiError(status, { title: `Error ${status}`, detail: `the service answered ${status}` });

describe('send failures in plain words', () => {
  it('does not say the photos were not sent when the service is busy while the result is awaited', () => {
    const busy = new ApiError(429, { title: 'Too many requests', detail: 'slow down' });
    const text = m.sendFailureText(busy, { sent: true });
    expect(text).toContain('Your photos reached the service, but it is busy');
    expect(text).not.toMatch(/not sent/);
  });

  it('treats 502, 503 and 504 as busy or temporary, with the photos kept', () => {
    for (const status of [502, 503]) {
      const text = m.sendFailureText(bare(status));
      expect(text, String(status)).toContain('The service is busy right now');
      expect(text).toContain('still here');
    }
    const timeout = m.sendFailureText(bare(504));
    expect(timeout).toContain('did not answer in time');
    expect(timeout).toContain('still here');
    for (const status of [502, 503, 504]) expect(m.sendFailureText(bare(status))).not.toMatch(/\b50\d\b|answered/);
  });

  it('names the size limit for a 413', () => {
    const text = m.sendFailureText(bare(413));
    expect(text).toContain('too large to send: each photo may be at most 25.0 MB');
    expect(text).toContain('still here');
    expect(text).not.toMatch(/413|answered/);
    expect(m.sendFailureText(new ApiError(413, { title: 'Upload too large', detail: 'the upload is 300 MiB', maxFileBytes: 10 * 1024 * 1024 }))).toContain('at most 10.0 MB');
  });

  it("never shows a 500's detail, and gives the reference to quote", () => {
    const err = new ApiError(500, { type: 'https://smp.example/problems/internal', title: 'Internal error', detail: 'TypeError: cannot read x of undefined at worker.ts:12', requestId: 'req-42' });
    const text = m.sendFailureText(err);
    expect(text).toContain('Something went wrong at the service');
    expect(text).toContain('give the reference req-42');
    expect(text).not.toMatch(/TypeError|worker|500/);
    expect(m.sendFailureText(bare(500))).not.toMatch(/500|answered/);
  });

  it('says whether the photos are kept after a lost connection, and after a reload', () => {
    expect(m.sendFailureText(bare(0))).toMatch(/^The connection was lost, so your photos were not sent\. Your photos are still here/);
    const resumed = m.sendFailureText(bare(0), { sent: true, kept: false });
    expect(resumed).toContain('they had reached the service');
    expect(resumed).toContain('add your photos again');
    expect(resumed).not.toContain('still here');
  });

  it('says a long analysis reached the service and is not analysed twice', () => {
    const err = new ApiError(504, { title: 'Still analysing', detail: 'the analysis is taking unusually long; please try again in a few minutes' });
    const text = m.sendFailureText(err, { sent: true });
    expect(text).toContain('Your photos reached the service, but the analysis is taking unusually long');
    expect(text).toContain('not analysed twice');
  });

  it("keeps a person's detail of a refusal, but not a bare status", () => {
    expect(m.sendFailureText(new ApiError(415, { title: 'Unsupported', detail: 'this kind of file is not a photo we take' }))).toBe(
      'Your photos could not be sent: this kind of file is not a photo we take. Your photos are still here: check them, then press "Send photos for analysis" again.',
    );
    expect(m.sendFailureText(bare(404))).toBe('Your photos could not be sent. Your photos are still here: check them, then press "Send photos for analysis" again.');
    expect(m.sendFailureText(new Error('boom'))).toContain('Something went wrong on this page');
    expect(m.sendFailureText(new Error('boom'))).not.toContain('boom');
  });

  it('says how long to wait when busy', () => {
    expect(m.busyMessage(600)).toContain('please wait 10 minutes');
    expect(m.busyMessage(5)).toContain('please wait a minute');
    expect(m.busyMessage(null)).toContain('please wait a moment');
  });
});

describe("the grade's caveats in the client's words", () => {
  // The service's sentences, word for word as src/vision/norwood (rules.ts unseenZoneReasons, grade.ts)
  // and src/vision/ludwig/grade.ts write them.
  const crownSide = 'no top or back photo: the crown was seen only at an angle, from the side, so a vertex (3V) or crown loss (stage 4 and up) cannot be ruled out';
  const crownUnusable = 'no usable top or back photo: the crown was not seen, so how far the crown loss goes (a higher stage) cannot be ruled out';
  const hairline = 'no front or top photo: the frontal hairline and temples were not seen, so the front was judged from the sides and the back only: an A variant (3A, the front receding as one band) cannot be ruled out';
  const outlier = 'photo 3 (left) reads level 5.0, the other photos 3.0, and was left out of the grade: check that it shows the same person and the view given';

  it('rephrases each known sentence: what the stage may not take in and which photo would show it', () => {
    expect(m.caveatWords(crownSide)).toBe(
      'Your photos show the crown (the back of the top of your head) only from the side, so thinning there may not show in this stage. A photo of the top or back of your head would show it.',
    );
    expect(m.caveatWords(crownUnusable)).toBe(
      'Your photos do not show the crown (the back of the top of your head), so thinning there may not show in this stage. Your top or back photo could not be used; a new one would show it.',
    );
    expect(m.caveatWords(hairline)).toBe(
      'Your photos do not show your hairline and temples from the front or from above, so changes there may not show fully in this stage. A front photo, or one of the top of your head, would show them.',
    );
    expect(m.caveatWords(hairline.replace('no front', 'no usable front'))).toContain('Your front or top photo could not be used; a new one would show them.');
    expect(m.caveatWords(outlier)).toBe(
      'Your left side photo looked different from your other photos, so this stage is based on the others. Please check that it is your own photo, of the left side.',
    );
    expect(m.caveatWords('A variant not checked: no front or top photo shows the hairline')).toContain('(the letter A)');
    expect(m.caveatWords('vertex variant not checked: no top or back photo shows the crown')).toContain('(the letter V)');
    expect(m.caveatWords('level 1 not checked: no front or top photo shows the hairline and temples')).toBe(
      'Your hairline and temples do not show clearly enough in your photos to tell stage 1 (no hair loss) from stage 2.',
    );
    expect(m.caveatWords('the frontal hairline is receded: Ludwig assumes it is kept; the Norwood pattern may describe this loss better')).toContain('your practitioner will look at it with you');
    expect(m.caveatWords('no top photo: the part line was not measured')).toContain('A photo of the top of your head would show it.');
  });

  it('never shows the practitioner\'s terms or level figures for a known sentence', () => {
    const known = [crownSide, crownUnusable, hairline, outlier, 'level 1 not checked: no front or top photo shows the hairline and temples'];
    for (const s of known) expect(m.caveatWords(s)).not.toMatch(/vertex|variant|ruled out|level \d|\d\.\d|outlier|Norwood|photo \d/);
  });

  it("knows every sentence the service's rules write about a view or zone not seen", async () => {
    const { A_VARIANT_UNCHECKED, VERTEX_UNCHECKED, unseenZoneReasons } = await import('../../../src/vision/norwood/rules.js');
    const views = ['front', 'top', 'left', 'right', 'back'] as const;
    const subsets = [...Array(1 << views.length).keys()].map((b) => new Set(views.filter((_, i) => b & (1 << i))));
    const said = new Set<string>([A_VARIANT_UNCHECKED, VERTEX_UNCHECKED]);
    for (const level of [1, 2, 3, 4, 5, 6, 7] as const) {
      for (const stage of [String(level), '3V'] as const) {
        for (const seen of subsets) for (const sent of subsets) {
          const r = unseenZoneReasons(level, stage as never, seen, new Set([...seen, ...sent]));
          for (const x of [r.crown, r.hairline]) if (x) said.add(x);
        }
      }
    }
    expect(said.size).toBeGreaterThan(8);
    // rephrased, not shown as given (capitalised with a full stop)
    for (const x of said) expect(m.caveatWords(x), x).not.toBe(`${x[0].toUpperCase()}${x.slice(1)}.`);
  });

  it('keeps a sentence it does not know as given, as a sentence', () => {
    expect(m.caveatWords('the new check found something')).toBe('The new check found something.');
    expect(m.caveatWords('Already a sentence.')).toBe('Already a sentence.');
    expect(m.caveatWords('')).toBeNull();
  });

  it("takes a Norwood result's reasons and a Ludwig result's reasons and notes, once each; none when not assessable", () => {
    expect(m.gradeCaveats({ assessable: true, reasons: [crownSide, outlier] })).toHaveLength(2);
    expect(m.gradeCaveats({ assessable: true, reasons: [], notes: ['no top photo: the part line was not measured', 'no top photo: the part line was not measured'] })).toEqual([
      'Your photos do not show your parting from above, so how wide it is was not measured. A photo of the top of your head would show it.',
    ]);
    expect(m.gradeCaveats({ assessable: false, reasons: ['no photo shows enough scalp to grade'] })).toEqual([]);
    expect(m.gradeCaveats({ assessable: true, reasons: [] })).toEqual([]);
    expect(m.gradeCaveats(null)).toEqual([]);
  });
});
