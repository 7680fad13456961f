import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileAtomic } from "../src/util/write.js";
import { tempDir } from "./support/run.js";

describe("writeFileAtomic", () => {
  it("writes whole files and leaves no temporary file behind", async () => {
    const dir = tempDir();
    await writeFileAtomic(join(dir, "sub", "a.txt"), "甲乙丙");
    expect(readFileSync(join(dir, "sub", "a.txt"), "utf8")).toBe("甲乙丙");
    expect(readdirSync(join(dir, "sub"))).toEqual(["a.txt"]);
  });

  it("keeps an existing file unless forced", async () => {
    const dir = tempDir();
    const file = join(dir, "a.txt");
    writeFileSync(file, "old");
    await expect(writeFileAtomic(file, "new")).rejects.toMatchObject({ messageId: "output-exists" });
    expect(readFileSync(file, "utf8")).toBe("old");
    await writeFileAtomic(file, "new", { force: true });
    expect(readFileSync(file, "utf8")).toBe("new");
    expect(readdirSync(dir)).toEqual(["a.txt"]);
  });

  it("fails with one reason and writes nothing where it cannot write", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "not-a-folder"), "x");
    await expect(writeFileAtomic(join(dir, "not-a-folder", "a.txt"), "x")).rejects.toMatchObject({ messageId: "output-unwritable" });
    mkdirSync(join(dir, "target.txt"));
    await expect(writeFileAtomic(join(dir, "target.txt"), "x", { force: true })).rejects.toMatchObject({ messageId: "output-unwritable" });
    expect(readdirSync(dir).sort()).toEqual(["not-a-folder", "target.txt"]);
  });
});
