// Which sheets of an OpenDocument spreadsheet are hidden. SheetJS does not
// read it: a table is hidden by its automatic style (`table:display="false"`),
// named on the table element in content.xml. Read with a streaming parser,
// stopping once every table has been seen.
import { SaxesParser } from "saxes";

const TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE_NS = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const CHUNK = 64 * 1024;

/** Names of the hidden tables, given content.xml and how many tables the book has. */
export function hiddenTables(contentXml: string, tables: number): Set<string> {
  const hiddenStyles = new Set<string>();
  const hidden = new Set<string>();
  let style: string | null = null;
  let seen = 0;
  const parser = new SaxesParser({ xmlns: true });
  parser.on("opentag", (tag) => {
    const attr = (ns: string, local: string) => {
      for (const a of Object.values(tag.attributes)) if (typeof a === "object" && a.uri === ns && a.local === local) return a.value;
      return undefined;
    };
    if (tag.uri === STYLE_NS && tag.local === "style") {
      style = attr(STYLE_NS, "family") === "table" ? (attr(STYLE_NS, "name") ?? null) : null;
    } else if (tag.uri === STYLE_NS && tag.local === "table-properties" && style && attr(TABLE_NS, "display") === "false") {
      hiddenStyles.add(style);
    } else if (tag.uri === TABLE_NS && tag.local === "table") {
      seen++;
      const name = attr(TABLE_NS, "name");
      const styleName = attr(TABLE_NS, "style-name");
      if (name !== undefined && styleName !== undefined && hiddenStyles.has(styleName)) hidden.add(name);
    }
  });
  parser.on("closetag", (tag) => {
    if (tag.uri === STYLE_NS && tag.local === "style") style = null;
  });
  for (let at = 0; at < contentXml.length && seen < tables; at += CHUNK) parser.write(contentXml.slice(at, at + CHUNK));
  return hidden;
}
