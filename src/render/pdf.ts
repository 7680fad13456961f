// Laid-out pages -> PDF bytes. Each document's fonts are subset with HarfBuzz
// to the characters it draws and embedded as Type 0 (CID) fonts written here;
// pdf-lib supplies the document structure. We write the font objects and the
// page content ourselves rather than through pdf-lib's embedFont/drawText:
// its subsetter prints Chinese blank, and its JavaScript deflate and per-call
// text shaping cost more than the rest of a form together. The bytes depend
// only on the input: no clock, no random names, a date only when given.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { constants, deflate, type ZlibOptions } from "node:zlib";
import { PDFDocument, PDFName, PDFString, type PDFContext, type PDFRef } from "pdf-lib";
import type { FontFace } from "./font.js";
import type { Face, PageLayout } from "./layout.js";
import { readCffCids, readCmap, readTables } from "./sfnt.js";

export interface PdfMeta {
  title: string;
  subject?: string;
  /** CreationDate/ModDate; omitted when undefined, so the bytes stay the same */
  date?: Date;
  producer: string;
}

const deflateAsync = promisify<Uint8Array, ZlibOptions, Buffer>(deflate);

const RESOURCE: Record<Face, string> = { regular: "F1", bold: "F2" };

/** A subset tag (six capitals, as PDF asks) derived from the subset itself. */
function subsetTag(bytes: Uint8Array): string {
  const h = createHash("sha256").update(bytes).digest();
  return [...h.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join("");
}

/** a number to 2 decimals, as short as it goes (never in exponent form: |n| ≥ 0.01 or 0) */
const num = (n: number) => String(Math.round(n * 100) / 100 || 0);

const hex4 = (n: number) => n.toString(16).padStart(4, "0");

/**
 * Streams are deflated on libuv's thread pool: the caller can lay out the next
 * form meanwhile. Each gets its object number at once, so the numbering (and
 * the bytes) do not depend on which finishes first.
 */
class Streams {
  private readonly pending: Promise<void>[] = [];
  constructor(private readonly ctx: PDFContext) {}

  add(data: Uint8Array | string, dict: Record<string, unknown> = {}, huffmanOnly = false): PDFRef {
    const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : data;
    const ref = this.ctx.nextRef();
    // glyph outlines barely repeat: Huffman coding alone gets most of deflate's gain at a third of its time
    const options = huffmanOnly ? { strategy: constants.Z_HUFFMAN_ONLY } : { level: 1 };
    this.pending.push(
      deflateAsync(bytes, options).then((packed) => {
        // a plain Uint8Array: pdf-lib copies stream bytes one by one, and a Buffer there is many times slower
        const plain = new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength);
        this.ctx.assign(ref, this.ctx.stream(plain, { ...dict, Filter: "FlateDecode" }));
      }),
    );
    return ref;
  }

  done(): Promise<unknown> {
    return Promise.all(this.pending);
  }
}

interface Embedded {
  ref: PDFRef;
  /** its name in the page resources */
  resource: string;
  /** code point -> the code (CID) that selects its glyph in the embedded subset */
  gids: Map<number, number>;
}

function toUnicodeCMap(gids: Map<number, number>): string {
  const pairs = [...gids].map(([cp, gid]) => [gid, cp] as const).sort((a, b) => a[0] - b[0]);
  const utf16 = (cp: number) => {
    if (cp < 0x10000) return hex4(cp);
    const v = cp - 0x10000;
    return hex4(0xd800 + (v >> 10)) + hex4(0xdc00 + (v & 0x3ff));
  };
  const chunks: string[] = [];
  for (let i = 0; i < pairs.length; i += 100) {
    const part = pairs.slice(i, i + 100);
    chunks.push(`${part.length} beginbfchar\n${part.map(([g, c]) => `<${hex4(g)}> <${utf16(c)}>`).join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <ffff>",
    "endcodespacerange",
    ...chunks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}

function embedFace(ctx: PDFContext, streams: Streams, face: FontFace, codePoints: number[], resource: string): Embedded {
  const bytes = face.subset(codePoints);
  const { cff } = readTables(bytes);
  // what the content stream shows is a CID: the glyph id, or for a CID-keyed CFF font the glyph's CID
  const cids = cff ? readCffCids(bytes) : null;
  const gids = cids ? new Map([...readCmap(bytes)].map(([cp, gid]) => [cp, cids.get(gid) ?? 0])) : readCmap(bytes);
  const name = `${subsetTag(bytes)}+${face.name}`;
  // A CID-keyed CFF goes in bare, as viewers read it most reliably (glyphs by CID through its charset);
  // a name-keyed CFF in its OpenType wrapper (glyphs by id); TrueType as FontFile2.
  const cffTable = readTables(bytes).tables.get("CFF ");
  const fontFile =
    cids && cffTable
      ? streams.add(bytes.subarray(cffTable.offset, cffTable.offset + cffTable.length), { Subtype: "CIDFontType0C" }, true)
      : cff
        ? streams.add(bytes, { Subtype: "OpenType" }, true)
        : streams.add(bytes, { Length1: bytes.length }, true);
  const m = face.metrics;
  const descriptor = ctx.register(
    ctx.obj({
      Type: "FontDescriptor",
      FontName: name,
      Flags: 4, // symbolic: glyphs are chosen by CID, not by a standard encoding
      FontBBox: m.bbox,
      ItalicAngle: m.italicAngle,
      Ascent: m.ascent,
      Descent: m.descent,
      CapHeight: m.capHeight,
      StemV: 80,
      [cff ? "FontFile3" : "FontFile2"]: fontFile,
    }),
  );
  // widths by glyph id, in runs of consecutive ids
  const widths = [...gids]
    .map(([cp, gid]) => [gid, Math.round(face.advance(cp) * 1000)] as const)
    .sort((a, b) => a[0] - b[0]);
  const w: (number | number[])[] = [];
  for (let i = 0; i < widths.length; ) {
    const start = widths[i]![0];
    const run: number[] = [];
    while (i < widths.length && widths[i]![0] === start + run.length) run.push(widths[i++]![1]);
    w.push(start, run);
  }
  const cidFont = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: cff ? "CIDFontType0" : "CIDFontType2",
      BaseFont: name,
      CIDSystemInfo: { Registry: PDFString.of("Adobe"), Ordering: PDFString.of("Identity"), Supplement: 0 },
      FontDescriptor: descriptor,
      DW: 1000,
      W: w,
      ...(cff ? {} : { CIDToGIDMap: "Identity" }),
    }),
  );
  const ref = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: name,
      Encoding: "Identity-H",
      DescendantFonts: [cidFont],
      ToUnicode: streams.add(toUnicodeCMap(gids)),
    }),
  );
  return { ref, gids, resource };
}

function content(p: PageLayout, fonts: Partial<Record<Face, Embedded>>): string {
  const out: string[] = [];
  const seen = new Set<string>();
  let width = -1;
  let path: string[] = [];
  const stroke = () => {
    if (path.length) out.push(path.join("\n"), "S");
    path = [];
  };
  out.push("0 G 0 g 2 J");
  for (const op of p.ops) {
    if (op.op !== "rule") continue;
    const key = [op.x1, op.y1, op.x2, op.y2].map(num).join(" ");
    if (seen.has(key)) continue;
    seen.add(key);
    if (op.width !== width) {
      stroke();
      out.push(`${num(op.width)} w`);
      width = op.width;
    }
    path.push(`${num(op.x1)} ${num(p.height - op.y1)} m ${num(op.x2)} ${num(p.height - op.y2)} l`);
  }
  stroke();
  out.push("BT");
  let font = "";
  for (const op of p.ops) {
    if (op.op !== "text") continue;
    const f = fonts[op.face]!;
    const tf = `/${f.resource} ${num(op.size)} Tf`;
    if (tf !== font) out.push((font = tf));
    let hex = "";
    for (const ch of op.text) hex += hex4(f.gids.get(ch.codePointAt(0)!) ?? 0);
    out.push(`1 0 0 1 ${num(op.x)} ${num(p.height - op.y)} Tm <${hex}> Tj`);
  }
  out.push("ET");
  return out.join("\n");
}

export async function writePdf(pages: readonly PageLayout[], faces: Record<Face, FontFace>, meta: PdfMeta): Promise<Uint8Array> {
  const used: Record<Face, Set<number>> = { regular: new Set(), bold: new Set() };
  for (const p of pages) {
    for (const op of p.ops) {
      if (op.op !== "text") continue;
      for (const ch of op.text) used[op.face].add(ch.codePointAt(0)!);
    }
  }
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const streams = new Streams(ctx);
  const fonts: Partial<Record<Face, Embedded>> = {};
  const fontDict: Record<string, PDFRef> = {};
  if (faces.regular === faces.bold) {
    // one face for all text (a user's --font): embed it once
    for (const cp of used.bold) used.regular.add(cp);
    used.bold.clear();
  }
  for (const face of ["regular", "bold"] as const) {
    if (used[face].size === 0) continue;
    fonts[face] = embedFace(ctx, streams, faces[face], [...used[face]].sort((a, b) => a - b), RESOURCE[face]);
    fontDict[RESOURCE[face]] = fonts[face]!.ref;
  }
  fonts.bold ??= fonts.regular;
  const resources = ctx.register(ctx.obj({ Font: fontDict }));
  for (const p of pages) {
    const page = doc.addPage([p.width, p.height]);
    page.node.set(PDFName.of("Resources"), resources);
    page.node.set(PDFName.of("Contents"), streams.add(content(p, fonts)));
  }
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  if (meta.subject) doc.setSubject(meta.subject);
  doc.setCreator("capexit");
  doc.setProducer(meta.producer);
  doc.setLanguage("zh-CN");
  if (meta.date) {
    doc.setCreationDate(meta.date);
    doc.setModificationDate(meta.date);
  }
  await streams.done();
  return doc.save({ useObjectStreams: false });
}
