// One line on stderr saying what is happening, on a terminal only, cleared when done.
import type { CliIO } from "./common.js";

export class Progress {
  private shown = false;
  constructor(private readonly io: CliIO) {}

  say(text: string): void {
    if (this.io.stderr.isTTY !== true) return;
    this.io.stderr.write(`\r\u001b[K${text}`);
    this.shown = true;
  }

  clear(): void {
    if (this.shown) this.io.stderr.write("\r\u001b[K");
    this.shown = false;
  }
}
