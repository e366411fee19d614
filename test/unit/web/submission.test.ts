// The page's Idempotency-Key: the same while the same photos and answers are sent again, new on change.
import { describe, expect, it } from 'vitest';
import { webModule } from './load.js';

interface Submission {
  signature: string;
  key: string;
}
interface ApiModule {
  submissionKey(form: FormData, previous: Submission | null, newKey?: () => string): Submission;
}

const { submissionKey } = await webModule<ApiModule>('api.js');

function form(photo: File, sex = 'male'): FormData {
  const f = new FormData();
  f.append('top', photo, photo.name);
  f.append('sex', sex);
  return f;
}

describe('submissionKey', () => {
  let n = 0;
  const next = () => `k${++n}`;
  const top = new File([new Uint8Array([1, 2, 3])], 'top.jpg', { type: 'image/jpeg', lastModified: 1 });

  it('keeps the key for a resend of the same photos and answers', () => {
    const first = submissionKey(form(top), null, next);
    expect(submissionKey(form(top), first, next).key).toBe(first.key);
  });

  it('makes a new key when a photo or an answer changes', () => {
    const first = submissionKey(form(top), null, next);
    const otherPhoto = new File([new Uint8Array([1, 2, 3, 4])], 'top.jpg', { type: 'image/jpeg', lastModified: 1 });
    expect(submissionKey(form(otherPhoto), first, next).key).not.toBe(first.key);
    expect(submissionKey(form(top, 'female'), first, next).key).not.toBe(first.key);
  });

  it('makes random keys by default', () => {
    const a = submissionKey(form(top), null).key;
    const b = submissionKey(form(top, 'female'), null).key;
    expect(a).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(a).not.toBe(b);
  });
});
