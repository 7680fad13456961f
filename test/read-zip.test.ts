// The package reader: parts found by the central directory, sizes checked as
// declared and while inflating, DOCTYPEs refused before any XML is parsed.
import { deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { declaresDoctype } from "../src/util/zip/xml-prolog.js";
import { openZip, ZipError, type ZipFault } from "../src/util/zip/read.js";
import { bombStream, rawZip, type RawEntry } from "./support/raw-zip.js";

const text = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
const deflated = (name: string, content: string, more: Partial<RawEntry> = {}): RawEntry => {
  const bytes = Buffer.from(content, "utf8");
  return { name, stored: deflateRawSync(bytes), method: 8, size: bytes.length, ...more };
};
const stored = (name: string, content: string): RawEntry => ({ name, stored: text(content), method: 0, size: Buffer.byteLength(content) });

function fault(read: () => unknown): ZipFault | "none" {
  try {
    read();
    return "none";
  } catch (e) {
    if (e instanceof ZipError) return e.fault;
    throw e;
  }
}

describe("openZip", () => {
  it("finds every part by the central directory, deflated or stored, in any order", () => {
    const zip = openZip(rawZip([deflated("xl/worksheets/sheet1.xml", "<worksheet/>"), stored("[Content_Types].xml", "<Types/>"), deflated("xl/workbook.xml", "<workbook>工作簿</workbook>")]));
    expect(zip.entries.map((e) => e.name)).toEqual(["xl/worksheets/sheet1.xml", "[Content_Types].xml", "xl/workbook.xml"]);
    expect(Buffer.from(zip.read("xl/workbook.xml")).toString("utf8")).toBe("<workbook>工作簿</workbook>");
    expect(Buffer.from(zip.read("[Content_Types].xml")).toString("utf8")).toBe("<Types/>");
  });

  it("reads sizes from a ZIP64 extra field", () => {
    const zip = openZip(rawZip([deflated("a.xml", "<a>zip64</a>", { zip64: true }), deflated("b.xml", "<b/>")]));
    expect(zip.entries).toEqual([
      { name: "a.xml", size: 12 },
      { name: "b.xml", size: 4 },
    ]);
    expect(Buffer.from(zip.read("a.xml")).toString()).toBe("<a>zip64</a>");
  });

  it("skips a comment after the directory", () => {
    const data = rawZip([deflated("a.xml", "<a/>")]);
    const comment = Buffer.from("saved by a tool that comments");
    const withComment = Buffer.concat([Buffer.from(data), comment]);
    withComment.writeUInt16LE(comment.length, data.length - 2);
    expect(openZip(new Uint8Array(withComment)).entries.map((e) => e.name)).toEqual(["a.xml"]);
  });

  const bomb = (declared: number, megabytes: number): RawEntry => ({ name: "xl/worksheets/sheet1.xml", stored: bombStream(megabytes), method: 8, size: declared });

  it.each<[string, () => Uint8Array, ZipFault["kind"], "open" | "read"]>([
    ["a part declaring 3 GiB (a 1 MB zip bomb): refused before inflating", () => rawZip([bomb(3 * 2 ** 30, 1)]), "too-large", "open"],
    ["parts together past the package bound", () => rawZip([1, 2, 3].map((i) => ({ ...bomb(200 * 2 ** 20, 1), name: `p${i}.xml` }))), "too-large", "open"],
    ["a part that inflates past what it declares: stopped there", () => rawZip([bomb(1000, 1024)]), "invalid", "read"],
    ["a part that inflates short of what it declares", () => rawZip([bomb(3 * 2 ** 20, 2)]), "invalid", "read"],
    ["an encrypted entry", () => rawZip([deflated("xl/workbook.xml", "<workbook/>", { flags: 1 })]), "encrypted", "open"],
    ["a compression method other than deflate", () => rawZip([{ ...deflated("a.xml", "<a/>"), method: 12 as 8 }]), "invalid", "open"],
    ["the same part twice", () => rawZip([deflated("a.xml", "<a/>"), deflated("a.xml", "<b/>")]), "invalid", "open"],
    ["no end of central directory (truncated)", () => rawZip([deflated("a.xml", "<a/>")]).subarray(0, 40), "invalid", "open"],
    ["random bytes", () => new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)), "invalid", "open"],
  ])("%s", (_, make, kind, when) => {
    const data = make();
    if (when === "open") {
      expect(fault(() => openZip(data))).toMatchObject({ kind });
    } else {
      const zip = openZip(data);
      const started = Date.now();
      expect(fault(() => zip.read(zip.entries[0]!.name))).toMatchObject({ kind });
      expect(Date.now() - started).toBeLessThan(5000);
    }
  });

  it("refuses a part whose data runs past the end of the file", () => {
    const data = rawZip([deflated("a.xml", "<a>" + "x".repeat(1000) + "</a>")]);
    // the directory intact, the part's data cut short: its compressed size now points past the directory
    const cut = new Uint8Array(Buffer.concat([Buffer.from(data.subarray(0, 40)), Buffer.from(data.subarray(data.length - 22 - 46 - 5))]));
    const end = Buffer.from(cut.buffer, cut.byteOffset, cut.byteLength);
    end.writeUInt32LE(40, end.length - 6); // where the directory now starts
    expect(fault(() => openZip(cut).read("a.xml"))).toMatchObject({ kind: "invalid" });
  });

  it("refuses a part that declares a DOCTYPE, naming the part", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><sst><si><t>&lol2;</t></si></sst>`;
    const zip = openZip(rawZip([deflated("xl/sharedStrings.xml", laughs)]));
    expect(fault(() => zip.read("xl/sharedStrings.xml"))).toEqual({ kind: "doctype", part: "xl/sharedStrings.xml" });
  });
});

describe("declaresDoctype", () => {
  it.each([
    ["a DOCTYPE after the declaration", `<?xml version="1.0"?>\n<!DOCTYPE x><x/>`, true],
    ["a DOCTYPE after a comment and a processing instruction", `<?xml version="1.0"?><!-- saved --><?mso-application progid="Excel.Sheet"?>\n\n<!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>`, true],
    ["a lower-case doctype", `<!doctype x><x/>`, true],
    ["an entity declaration outside a DOCTYPE", `<!ENTITY a "b"><x/>`, true],
    ["a DOCTYPE behind a UTF-8 BOM", `\ufeff<!DOCTYPE x><x/>`, true],
    ["plain XML", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="…"><sheetData/></worksheet>`, false],
    ["the word DOCTYPE in text after the root", `<sst><si><t>&lt;!DOCTYPE</t></si><!DOCTYPE late></sst>`, false],
    ["not XML at all", "PK\u0003\u0004…", false],
    ["an unclosed comment", `<!-- never closed <!DOCTYPE x>`, false],
  ])("%s", (_, xml, expected) => {
    expect(declaresDoctype(text(xml))).toBe(expected);
  });

  it("reads a UTF-16 prolog", () => {
    const utf16 = (s: string, le: boolean) => {
      const b = Buffer.from(s, "utf16le");
      if (!le) b.swap16();
      return new Uint8Array(Buffer.concat([Buffer.from(le ? [0xff, 0xfe] : [0xfe, 0xff]), b]));
    };
    expect(declaresDoctype(utf16(`<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>`, true))).toBe(true);
    expect(declaresDoctype(utf16(`<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x><x/>`, false))).toBe(true);
    expect(declaresDoctype(utf16(`<?xml version="1.0" encoding="UTF-16"?><x>工作表</x>`, true))).toBe(false);
  });
});
