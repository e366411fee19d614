// Reading the consultation JSON loosely, as the report does: any field may be missing or of another
// type in a record stored by an older version.

/** Reads a dotted path ("norwood.measurements.zones") from loosely typed JSON; undefined where it breaks off. */
export function pick(obj: unknown, path: string): unknown {
  let v: unknown = obj;
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[key];
  }
  return v;
}

/** A finite number. */
export const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
