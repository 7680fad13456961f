// File names for forms: from the template's fileName (unit and enterprise),
// made safe on every system and unique within the folder. Pure.

// Windows forbids these characters and names; path separators would leave the folder.
const FORBIDDEN = /[\\/:*?"<>|\u0000-\u001f\u007f]/g;
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
/** characters kept of a name, before the numbering and `.pdf` (UTF-8 stays well under 255 bytes) */
const MAX_CHARS = 80;

export function sanitiseFileName(name: string, fallback = "未命名"): string {
  let s = name.normalize("NFC").replace(FORBIDDEN, "_").replace(/\s+/g, " ");
  s = s.replace(/\.{2,}/g, "."); // no `..` anywhere
  s = s.replace(/^[\s.]+|[\s.]+$/g, ""); // Windows drops trailing dots and spaces; a leading dot hides the file
  s = [...s].slice(0, MAX_CHARS).join("").replace(/[\s.]+$/g, "");
  if (!s || /^_+$/.test(s)) s = fallback;
  if (RESERVED.test(s)) s = `_${s}`;
  return s;
}

/** Numbers repeated names `name(2)`, `name(3)`…, comparing as case-insensitive file systems do. */
export function uniqueFileNames(names: readonly string[], extension = ".pdf"): string[] {
  const taken = new Set<string>();
  return names.map((n) => {
    let candidate = `${n}${extension}`;
    for (let k = 2; taken.has(candidate.toLowerCase()); k++) candidate = `${n}(${k})${extension}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
