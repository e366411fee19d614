// Parses `<view>=<path>` arguments (DESIGN.md section 3): the same shape and rules as the API's file
// parts, so only `auto` may repeat.
import { VIEWS, type ViewOrAuto } from '../pipeline/photo-task.js';

export function parseViewArgs(args: string[], allowed: readonly string[] = [...VIEWS, 'auto']): { view: ViewOrAuto; path: string }[] {
  const seen = new Set<string>();
  return args.map((arg) => {
    const eq = arg.indexOf('=');
    if (eq <= 0) throw new Error(`expected <view>=<path>, got "${arg}" (views: ${allowed.join(', ')})`);
    const view = arg.slice(0, eq);
    const path = arg.slice(eq + 1);
    if (!allowed.includes(view)) throw new Error(`unknown view "${view}" in "${arg}" (views: ${allowed.join(', ')})`);
    if (!path) throw new Error(`no path after "${view}="`);
    if (view !== 'auto' && seen.has(view)) throw new Error(`more than one photo for view "${view}"; name extra photos "auto"`);
    seen.add(view);
    return { view: view as ViewOrAuto, path };
  });
}
