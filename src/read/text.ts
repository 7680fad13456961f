// A CSV's bytes -> its text. Excel on a Chinese Windows saves "CSV" in the
// system code page (GB18030, of which GBK and GB2312 are subsets); "CSV UTF-8"
// with a BOM; other tools UTF-8 without one. UTF-8 is tried first because a
// GB18030 reading of UTF-8 bytes rarely fails, while the reverse nearly always does.

/** The text, or null when the bytes are not text in any of these encodings. */
export function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    else if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder("utf-16le", { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder("utf-16be", { fatal: true }).decode(bytes.subarray(2));
    else text = decodeFirst(bytes, ["utf-8", "gb18030"]);
  } catch {
    return null;
  }
  // a NUL never stands in a text file: this is a binary file with a text name
  return text.includes("\u0000") ? null : text;
}

function decodeFirst(bytes: Uint8Array, encodings: readonly string[]): string {
  for (const encoding of encodings) {
    try {
      return new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      // the next encoding
    }
  }
  throw new Error("not text");
}
