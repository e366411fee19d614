import { describe, expect, it } from 'vitest';
import { distinctScars, mergeScars, possibleScars, scarName } from '../../../../src/plan/recommend/scars.js';

describe('mergeScars', () => {
  it('merges a stated scar with a found one of the same kind, in order, and lists the rest as they are', () => {
    const merged = mergeScars(
      [
        { kind: 'linear', ageMonths: 18 },
        { kind: 'punctate', ageMonths: 6, raised: false },
      ],
      [
        { photo: 2, kind: 'irregular', tone: 'red', deltaE76: 9.5 },
        { photo: 4, kind: 'linear', tone: 'paler', deltaE76: 12.1 },
        { photo: 4, kind: 'linear', tone: 'similar' },
      ],
    );
    expect(merged).toEqual([
      { kind: 'linear', ageMonths: 18, tone: 'paler', deltaE76: 12.1, source: 'stated+photo', photo: 4 },
      { kind: 'punctate', ageMonths: 6, raised: false, source: 'stated' },
      { kind: 'irregular', tone: 'red', deltaE76: 9.5, source: 'photo', photo: 2 },
      { kind: 'linear', tone: 'similar', source: 'photo', photo: 4 },
    ]);
  });

  it('is empty with nothing stated or found, and keeps either side alone', () => {
    expect(mergeScars([], [])).toEqual([]);
    expect(mergeScars([{ kind: 'irregular' }], [])).toEqual([{ kind: 'irregular', source: 'stated' }]);
    expect(mergeScars([], [{ photo: 0, kind: 'punctate' }])).toEqual([{ kind: 'punctate', source: 'photo', photo: 0 }]);
  });
});

describe('scars a photo is unsure of', () => {
  const found = [
    { photo: 0, kind: 'linear' as const, confidence: 0.93, sure: true },
    { photo: 1, kind: 'irregular' as const, confidence: 0.87, sure: false },
    { photo: 2, kind: 'linear' as const, confidence: 0.86, sure: false },
  ];

  it('are not planned for, but listed as possible unless a stated or sure scar of that kind covers them', () => {
    expect(mergeScars([], found)).toEqual([{ kind: 'linear', source: 'photo', photo: 0 }]);
    // the unsure linear one is taken to be the sure one seen from another view
    expect(possibleScars([], found)).toEqual([{ photo: 1, kind: 'irregular', confidence: 0.87 }]);
    expect(possibleScars([], found.slice(1))).toEqual([
      { photo: 1, kind: 'irregular', confidence: 0.87 },
      { photo: 2, kind: 'linear', confidence: 0.86 },
    ]);
    expect(possibleScars([{ kind: 'irregular', ageMonths: 20 }], found)).toEqual([]);
    expect(mergeScars([{ kind: 'irregular' }], found)).toEqual([
      { kind: 'irregular', source: 'stated' },
      { kind: 'linear', source: 'photo', photo: 0 },
    ]);
  });
});

describe('distinctScars', () => {
  it('counts a kind from the photo that shows most of it: one strip seen from three views is one scar', () => {
    const strip = [0, 2, 3].map((photo) => ({ photo, kind: 'linear' as const, confidence: 0.9 + photo / 100 }));
    expect(distinctScars(strip)).toEqual([{ photo: 3, kind: 'linear', confidence: 0.93 }]);
    const irregular = [
      { photo: 1, kind: 'irregular' as const, confidence: 0.95 },
      { photo: 2, kind: 'irregular' as const, confidence: 0.91 },
      { photo: 2, kind: 'irregular' as const, confidence: 0.97 },
    ];
    // photo 2 shows two: both are kept, surest first; photo 1's is taken to be one of them
    expect(distinctScars([...strip, ...irregular]).map((f) => [f.kind, f.photo, f.confidence])).toEqual([
      ['linear', 3, 0.93],
      ['irregular', 2, 0.97],
      ['irregular', 2, 0.91],
    ]);
    expect(distinctScars([])).toEqual([]);
  });
});

describe('scarName', () => {
  it('says where the scar is known from, with photos counted from 1', () => {
    expect(scarName({ kind: 'linear', source: 'stated' }, 0)).toBe('Scar 1 (linear, stated)');
    expect(scarName({ kind: 'linear', source: 'stated+photo', photo: 2 }, 1)).toBe('Scar 2 (linear, stated, seen in photo 3)');
    expect(scarName({ kind: 'punctate', source: 'photo', photo: 0 }, 2)).toBe('Scar 3 (punctate, found in photo 1)');
    expect(scarName({ kind: 'irregular' }, 0)).toBe('Scar 1 (irregular)');
  });
});

describe('recommend: a scar found only in the photos', () => {
  it('asks for it to be confirmed in person, and says when the whole scar schedule rests on finds alone', async () => {
    const { recommend } = await import('../../../../src/plan/recommend/index.js');
    const base = { skinTone: { ita: 45, confidence: 0.9 }, hairColour: { lightness: 25, confidence: 0.9 }, contrast: null, norwood: { level: 4 }, sex: 'male' as const };
    const found = (scars: Parameters<typeof recommend>[0]['scars']) => recommend({ ...base, scars }).warnings.filter((w) => w.code === 'scar-found-unconfirmed');
    // L3-004's back: light glinting off dark hair read as a sure punctate scar
    expect(found([{ kind: 'punctate', source: 'photo', photo: 4 }])).toEqual([
      {
        code: 'scar-found-unconfirmed',
        severity: 'caution',
        message: 'Scar 1 (punctate, found in photo 5) was found in the photos, not stated by the client: confirm it in person; the scar zone, its extra session and longer intervals are planned for this find alone.',
      },
    ]);
    // beside a stated scar the schedule does not rest on the find
    expect(found([{ kind: 'linear', source: 'stated', ageMonths: 12 }, { kind: 'punctate', source: 'photo', photo: 4 }]).map((w) => w.message)).toEqual([
      'Scar 2 (punctate, found in photo 5) was found in the photos, not stated by the client: confirm it in person.',
    ]);
    expect(found([{ kind: 'linear', source: 'stated+photo', photo: 1, ageMonths: 12 }])).toEqual([]);
  });
});
