declare module 'json-merge-patch' {
  /** RFC 7396: applies `patch` to `target` (changing `target` in place) and returns the result. */
  export function apply(target: unknown, patch: unknown): unknown;
  export function generate(before: unknown, after: unknown): unknown;
  export function merge(patch1: unknown, patch2: unknown): unknown;
}
