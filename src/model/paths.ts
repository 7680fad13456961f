// Reading and writing a record by its dotted path (`acceptance.lines[1].removedOn`).

export type Segment = string | number;

const parsed = new Map<string, readonly Segment[]>();

/** Paths repeat across thousands of records: each is parsed once. */
export function parsePath(path: string): readonly Segment[] {
  let segs = parsed.get(path);
  if (!segs) {
    segs = parseUncached(path);
    parsed.set(path, segs);
  }
  return segs;
}

function parseUncached(path: string): Segment[] {
  const out: Segment[] = [];
  for (const part of path.split(".")) {
    const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    out.push(m[1]!);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

export function formatPath(segments: readonly Segment[]): string {
  let s = "";
  for (const seg of segments) {
    if (typeof seg === "number") s += `[${seg}]`;
    else s += s ? `.${seg}` : seg;
  }
  return s;
}

export function getPath(obj: unknown, path: string): unknown {
  let cur: unknown = obj;
  for (const seg of parsePath(path)) {
    if (cur === null || cur === undefined || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

/** Sets a value, creating plain objects and arrays on the way (never touching prototypes). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const segs = parsePath(path);
  let cur: Record<string | number, unknown> = obj;
  for (let i = 0; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    const nextIsIndex = typeof segs[i + 1] === "number";
    let next = Object.prototype.hasOwnProperty.call(cur, seg) ? cur[seg] : undefined;
    if (next === undefined || next === null || typeof next !== "object") {
      next = nextIsIndex ? [] : {};
      cur[seg] = next;
    }
    cur = next as Record<string | number, unknown>;
  }
  cur[segs[segs.length - 1]!] = value;
}
