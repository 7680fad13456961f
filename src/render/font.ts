// Fonts: metrics and coverage read from the font's own tables, subsetting with HarfBuzz.
//
// pdf-lib's own `subset: true` (fontkit's subsetter) prints most Chinese
// characters blank, and embedding the whole face costs 14 MB per file. So each
// document gets a HarfBuzz subset of exactly the characters it draws, and
// pdf-lib embeds that subset as it is. We drive the HarfBuzz build that
// subset-font ships directly, keeping the face loaded: subset-font copies the
// 14 MB font into WebAssembly on every call (20-50 ms), we do it once.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { Coverage } from "./format.js";
import { faceOffsets, readFace, type FaceInfo } from "./sfnt.js";

export interface FontFace extends Coverage {
  /** PostScript name, for the PDF */
  name: string;
  /** advance width of a code point in em (0 when the font lacks it) */
  advance(codePoint: number): number;
  /** a TrueType/OpenType font holding just these code points (and .notdef) */
  subset(codePoints: Iterable<number>): Uint8Array;
  /** for the PDF font descriptor, in 1/1000 em */
  metrics: { ascent: number; descent: number; capHeight: number; bbox: [number, number, number, number]; italicAngle: number };
}

interface HarfBuzz {
  memory: WebAssembly.Memory;
  malloc(n: number): number;
  free(p: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set(input: number, which: number): number;
  hb_subset_input_get_flags(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
  _initialize(): void;
}

const HB_MEMORY_MODE_READONLY = 1;
const HB_SUBSET_SETS_DROP_TABLE_TAG = 3;
const HB_SUBSET_FLAGS_NO_HINTING = 0x1;
const HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE = 0x200;
// Shaping and vertical tables: a form is set horizontally, glyph by glyph.
const DROP_TABLES = ["GSUB", "GPOS", "GDEF", "BASE", "STAT", "JSTF", "MATH", "vhea", "vmtx", "VORG", "DSIG", "gasp", "kern", "morx", "hdmx", "LTSH"];

const tag = (s: string) => [...s].reduce((a, c) => ((a << 8) | c.charCodeAt(0)) >>> 0, 0);

let harfbuzz: Promise<HarfBuzz> | undefined;

function loadHarfBuzz(): Promise<HarfBuzz> {
  harfbuzz ??= (async () => {
    // the HarfBuzz build subset-font depends on, found from subset-font itself
    const fromHere = createRequire(import.meta.url);
    const fromSubsetFont = createRequire(fromHere.resolve("subset-font"));
    const wasm = await readFile(fromSubsetFont.resolve("harfbuzzjs/dist/harfbuzz-subset.wasm"));
    const { instance } = await WebAssembly.instantiate(wasm);
    const hb = instance.exports as unknown as HarfBuzz;
    hb._initialize();
    return hb;
  })();
  return harfbuzz;
}

/** Thrown for bytes that are not a font, or a face index that is not there. */
export class FontError extends Error {
  constructor(readonly reason: "not-a-font" | "no-such-face", readonly faces = 0) {
    super(reason);
  }
}

/** Opens face `index` of a TTF, OTF or TTC. */
export async function loadFace(bytes: Uint8Array, index = 0): Promise<FontFace> {
  const offsets = faceOffsets(bytes);
  if (!offsets) throw new FontError("not-a-font");
  if (index < 0 || index >= offsets.length) throw new FontError("no-such-face", offsets.length);
  let font: FaceInfo;
  try {
    font = readFace(bytes, offsets[index]!);
  } catch {
    throw new FontError("not-a-font");
  }
  const hb = await loadHarfBuzz();
  // A face's bytes stay in HarfBuzz's memory for as long as the process runs,
  // and that memory is bounded: the same font loaded again is the face already there.
  for (const l of loaded) {
    if (l.length === bytes.byteLength && l.index === index && Buffer.from(hb.memory.buffer, l.data, l.length).equals(bytes)) return l.face;
  }
  const data = hb.malloc(bytes.byteLength);
  if (!data) throw new Error("harfbuzz: out of memory for another font");
  new Uint8Array(hb.memory.buffer).set(bytes, data);
  const blob = hb.hb_blob_create(data, bytes.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, index);
  hb.hb_blob_destroy(blob);

  const widths = new Map<number, number>();
  const has = (cp: number) => font.cmap.has(cp);
  const k = 1000 / font.unitsPerEm;
  const r = (x: number) => Math.round(x * k);
  const loadedFace: FontFace = {
    name: (font.postscriptName ?? "Font").replace(/[^\x21-\x7e]|[()<>[\]{}/%#]/g, ""),
    metrics: {
      ascent: r(font.ascent),
      descent: r(font.descent),
      capHeight: r(font.capHeight || font.ascent),
      bbox: [r(font.bbox[0]), r(font.bbox[1]), r(font.bbox[2]), r(font.bbox[3])],
      italicAngle: font.italicAngle || 0,
    },
    has,
    advance(cp) {
      let w = widths.get(cp);
      if (w === undefined) {
        const gid = font.cmap.get(cp);
        w = gid === undefined ? 0 : font.advance(gid) / font.unitsPerEm;
        widths.set(cp, w);
      }
      return w;
    },
    subset(codePoints) {
      const input = hb.hb_subset_input_create_or_fail();
      if (!input) throw new Error("harfbuzz: cannot create a subset input");
      try {
        const unicodes = hb.hb_subset_input_unicode_set(input);
        for (const cp of codePoints) hb.hb_set_add(unicodes, cp);
        const drop = hb.hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG);
        for (const t of DROP_TABLES) hb.hb_set_add(drop, tag(t));
        hb.hb_subset_input_set_flags(input, hb.hb_subset_input_get_flags(input) | HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NO_LAYOUT_CLOSURE);
        const out = hb.hb_subset_or_fail(face, input);
        if (!out) throw new Error("harfbuzz: subsetting failed");
        const result = hb.hb_face_reference_blob(out);
        const ptr = hb.hb_blob_get_data(result, 0);
        const len = hb.hb_blob_get_length(result);
        const bytes = new Uint8Array(hb.memory.buffer).slice(ptr, ptr + len);
        hb.hb_blob_destroy(result);
        hb.hb_face_destroy(out);
        return bytes;
      } finally {
        hb.hb_subset_input_destroy(input);
      }
    },
  };
  loaded.push({ length: bytes.byteLength, index, data, face: loadedFace });
  return loadedFace;
}

/** faces loaded so far, with where their bytes are in HarfBuzz's memory */
const loaded: { length: number; index: number; data: number; face: FontFace }[] = [];

/** The bundled faces: Noto Serif SC Regular for text, Bold for titles. */
export function bundledFontFile(weight: "regular" | "bold"): string {
  const req = createRequire(import.meta.url);
  return weight === "regular"
    ? req.resolve("@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf")
    : req.resolve("@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf");
}
