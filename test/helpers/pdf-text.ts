/** The text of a PDF, page by page, with pdf.js (so tests can read what a board member would read). */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

/** (pdf.js takes over the buffer it is given, so it gets a copy: the caller may read the bytes again.) */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ("str" in item ? item.str : "")).join(" "));
  }
  await doc.destroy();
  return pages.join("\n");
}
