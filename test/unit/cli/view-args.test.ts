import { describe, expect, it } from 'vitest';
import { parseViewArgs } from '../../../src/cli/view-args.js';

describe('parseViewArgs', () => {
  it('reads <view>=<path> pairs, keeping "=" inside the path', () => {
    expect(parseViewArgs(['top=a.jpg', 'front=dir/b=c.jpg', 'auto=x.png', 'auto=y.png'])).toEqual([
      { view: 'top', path: 'a.jpg' },
      { view: 'front', path: 'dir/b=c.jpg' },
      { view: 'auto', path: 'x.png' },
      { view: 'auto', path: 'y.png' },
    ]);
  });

  it('refuses what the API refuses: a repeated view other than auto, an unknown view, no path', () => {
    expect(() => parseViewArgs(['top=a.jpg', 'top=b.jpg'])).toThrow('more than one photo for view "top"; name extra photos "auto"');
    expect(() => parseViewArgs(['crown=a.jpg'])).toThrow('unknown view "crown"');
    expect(() => parseViewArgs(['a.jpg'])).toThrow('expected <view>=<path>');
    expect(() => parseViewArgs(['top='])).toThrow('no path after "top="');
  });
});
