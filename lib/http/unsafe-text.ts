/**
 * What no route has a use for, found anywhere in a parsed JSON body (values and keys):
 * - lone UTF-16 surrogates (`"\ud800"` is valid JSON but not text; Postgres and UTF-8 would
 *   silently turn it into U+FFFD, so what is stored would differ from what was checked);
 * - NUL (Postgres refuses it in text columns, which would surface as a 500) and the other C0/DEL
 *   control characters, which only ever arrive by mistake or to split log lines (tab, line feed
 *   and carriage return stay allowed);
 * - nesting deeper than any request needs, which a recursive walk (ours or a schema's) would
 *   turn into a stack overflow.
 */
// No `u` flag on purpose: this must look at UTF-16 code units, not code points.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const MAX_DEPTH = 32;

export interface UnsafeText {
  /** Dotted path of the offending value (`body` for the top level). */
  field: string;
  reason: string;
}

export function findUnsafeText(root: unknown): UnsafeText | null {
  // Iterative on purpose: the input decides the depth.
  const pending: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      const found = checkString(value, path);
      if (found) return found;
    } else if (value !== null && typeof value === 'object') {
      if (path.length >= MAX_DEPTH) {
        return { field: fieldOf(path), reason: `nested more than ${MAX_DEPTH} levels deep` };
      }
      for (const [key, item] of Object.entries(value)) {
        const found = checkString(key, path);
        if (found) return found;
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

function fieldOf(path: string[]): string {
  return path.length > 0 ? path.join('.') : 'body';
}

function checkString(text: string, path: string[]): UnsafeText | null {
  if (LONE_SURROGATE.test(text)) {
    return {
      field: fieldOf(path),
      reason: 'contains a lone UTF-16 surrogate (not valid Unicode text)',
    };
  }
  const control = CONTROL.exec(text);
  if (control) {
    const codePoint = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    return { field: fieldOf(path), reason: `contains the control character U+${codePoint}` };
  }
  return null;
}
