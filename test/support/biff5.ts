// An Excel 95 workbook (BIFF5) written record by record: its text is in the
// file's code page (936 for Chinese), which no writer we have can produce.
import * as XLSX from "@e965/xlsx";

type Encode = (s: string) => Buffer;

const record = (type: number, body: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
};
const u16 = (...n: number[]) => {
  const b = Buffer.alloc(2 * n.length);
  n.forEach((x, i) => b.writeUInt16LE(x, 2 * i));
  return b;
};
const bof = (kind: number) => record(0x0809, u16(0x0500, kind, 0x0dbb, 0x07cc));
const EOF = record(0x000a, Buffer.alloc(0));

export interface Biff5Sheet {
  name: string;
  hidden?: boolean;
  /** [row, column, text], 0-based */
  cells: [number, number, string][];
}

/** The OLE file with its `Book` stream: globals (BOF, CODEPAGE, BOUNDSHEETs) then each sheet's LABEL cells. */
export function biff5Workbook(sheets: readonly Biff5Sheet[], codepage: number, encode: Encode): Uint8Array {
  const label = (r: number, c: number, s: string) => {
    const text = encode(s);
    return record(0x0204, Buffer.concat([u16(r, c, 15, text.length), text]));
  };
  const globals = [bof(0x0005), record(0x0042, u16(codepage))];
  const subs = sheets.map((s) => Buffer.concat([bof(0x0010), ...s.cells.map(([r, c, t]) => label(r, c, t)), EOF]));
  let offset = globals.reduce((n, b) => n + b.length, 0) + sheets.reduce((n, s) => n + 4 + 7 + encode(s.name).length, 0) + EOF.length;
  const bounds = sheets.map((s, i) => {
    const name = encode(s.name);
    const fixed = Buffer.alloc(7);
    fixed.writeUInt32LE(offset, 0);
    fixed.writeUInt16LE(s.hidden ? 1 : 0, 4);
    fixed.writeUInt8(name.length, 6);
    offset += subs[i]!.length;
    return record(0x0085, Buffer.concat([fixed, name]));
  });
  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, "Book", Buffer.concat([...globals, ...bounds, EOF, ...subs]));
  return new Uint8Array(XLSX.CFB.write(cfb, { type: "buffer" }) as Buffer);
}
