// A spreadsheet's XML parts never need a DOCTYPE; one with a DOCTYPE or entity
// declarations (the "billion laughs") is refused, never expanded. By the XML
// grammar a DOCTYPE can only stand in the prolog, before the root element, so
// only the prolog is scanned: the XML declaration, comments, processing
// instructions and white space, up to the first element.

const LT = 0x3c;
const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
const DECL_OPEN = ascii("<?");
const DECL_CLOSE = ascii("?>");
const COMMENT_OPEN = ascii("<!--");
const COMMENT_CLOSE = ascii("-->");
const DOCTYPE = ascii("<!DOCTYPE");
const ENTITY = ascii("<!ENTITY");

/** Whether the XML in `data` (UTF-8 or UTF-16) declares a DOCTYPE or an entity before its root element. */
export function declaresDoctype(data: Uint8Array): boolean {
  let bytes = data;
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  else if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    // UTF-16: look at the code units' low bytes as ASCII (the prolog's syntax is ASCII)
    const le = bytes[0] === 0xff;
    const narrow = new Uint8Array(bytes.length >> 1);
    for (let k = 1; k < narrow.length; k++) {
      const lo = bytes[2 * k + (le ? 0 : 1)]!;
      const hi = bytes[2 * k + (le ? 1 : 0)]!;
      narrow[k] = hi === 0 ? lo : 0x80;
    }
    bytes = narrow;
    i = 1;
  }
  const at = (pattern: number[], from: number) => pattern.every((b, k) => bytes[from + k] === b || (b >= 0x41 && b <= 0x5a && bytes[from + k] === b + 32));
  const find = (pattern: number[], from: number) => {
    for (let k = from; k + pattern.length <= bytes.length; k++) if (at(pattern, k)) return k + pattern.length;
    return -1;
  };
  for (;;) {
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
    if (i >= bytes.length || bytes[i] !== LT) return false; // not XML, or text: nothing to expand
    if (at(DOCTYPE, i) || at(ENTITY, i)) return true;
    if (at(COMMENT_OPEN, i)) i = find(COMMENT_CLOSE, i + 4);
    else if (at(DECL_OPEN, i)) i = find(DECL_CLOSE, i + 2);
    else return false; // the root element: the prolog is over
    if (i < 0) return false;
  }
}
