// The written guides: they stand on their own in a clone (no link out of the
// repository, every link inside it to a file that exists), and the record
// contract's header tables say what the reader reads.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { JOIN_PATH, SHEETS } from "../src/model/sheets.js";
import { ROOT } from "./support/run.js";

const DOCS = join(ROOT, "docs");
const guides = [join(ROOT, "README.md"), ...readdirSync(DOCS).filter((f) => f.endsWith(".md")).map((f) => join(DOCS, f))];

describe("README and docs/", () => {
  it("README gives the two commands a new machine needs, and they are the package's own", () => {
    const text = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(text).toContain("npm install && npm start");
    expect(text).toContain("npm test");
    const scripts = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(["start", "test"]));
    expect(readFileSync(join(ROOT, ".ci", "run"), "utf8")).toContain("npm test");
  });

  it.each(guides.map((g) => [relative(ROOT, g), g]))("%s links only to files of the repository", (_name, file) => {
    const text = readFileSync(file, "utf8");
    expect(text).not.toMatch(/\.\.\/shared|shared\/spec|shared\/seed/);
    const links = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/.test(l));
    for (const link of links) {
      const target = join(dirname(file), link.split("#")[0]!);
      expect(existsSync(target), `${link} from ${relative(ROOT, file)}`).toBe(true);
      expect(relative(ROOT, target).startsWith(".."), link).toBe(false);
    }
  });

  it("the record contract lists every column of every sheet, each label with its field", () => {
    const text = readFileSync(join(DOCS, "record-contract.md"), "utf8");
    for (const sheet of SHEETS) {
      const at = text.indexOf(`### ${sheet.name}：`);
      expect(at, sheet.name).toBeGreaterThan(0);
      const section = text.slice(at, text.indexOf("\n### ", at + 1));
      const rows = [...section.matchAll(/^\| ([^|]+?) \| [^|]* \| (`[^`]+`|对应到企业) \|$/gm)].map((m) => [m[1]!, m[2] === "对应到企业" ? JOIN_PATH : m[2]!.slice(1, -1)]);
      expect(rows, sheet.name).toEqual(sheet.columns.map((c) => [c.label, c.path]));
    }
  });
});
