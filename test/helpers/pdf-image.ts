/**
 * A PDF's pages as pictures, so a test can check that a chart was really drawn, not just that its title is there.
 * Pages are rendered by Debian's pdftoppm (poppler-utils: installed with apt-get when missing and running as root,
 * like Chromium in test/setup/browser-server.ts) and decoded with pngjs; where a chart stands on its page is read
 * from the PDF's text with pdf.js.
 */
import { execFileSync, execSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PNG } from "pngjs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { expect } from "vitest";

export const PDFTOPPM = process.env.PDFTOPPM_PATH ?? "/usr/bin/pdftoppm";

let pdftoppmChecked: { ok: true } | { ok: false; reason: string } | null = null;

/** pdftoppm is there (installed now if it can be), or the reason the picture checks cannot run here. */
export function ensurePdftoppm(): { ok: true } | { ok: false; reason: string } {
  if (pdftoppmChecked) return pdftoppmChecked;
  if (!fs.existsSync(PDFTOPPM) && process.getuid?.() === 0) {
    console.log("Installing Debian's poppler-utils (pdftoppm) for the PDF picture checks…");
    try {
      execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils", { stdio: "inherit" });
    } catch {
      // said below
    }
  }
  pdftoppmChecked = fs.existsSync(PDFTOPPM)
    ? { ok: true }
    : {
        ok: false,
        reason:
          process.getuid?.() === 0
            ? `pdftoppm is not at ${PDFTOPPM} and apt-get could not install poppler-utils: the PDF's charts cannot be checked as pictures here`
            : `pdftoppm is not at ${PDFTOPPM}: install it with sudo apt-get install -y poppler-utils (or set PDFTOPPM_PATH) to check the PDF's charts as pictures`,
      };
  return pdftoppmChecked;
}

/** A box on a page, in PDF points measured from the page's top left corner. */
export interface PageBox {
  page: number;
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface TextLine {
  page: number;
  text: string;
  left: number;
  right: number;
  top: number;
  bottom: number;
  pageWidth: number;
  pageHeight: number;
}

/**
 * The PDF's text as lines with where each stands (points from the page's top left): pieces on one baseline are
 * joined, without a space where they touch (pdf.js splits words at ligatures such as "fi").
 */
export async function pdfTextLines(bytes: Uint8Array): Promise<TextLine[]> {
  const doc = await getDocument({ data: bytes.slice(), useSystemFonts: false, isEvalSupported: false }).promise;
  const lines: TextLine[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    const { width, height } = page.getViewport({ scale: 1 });
    const pieces: Array<{ text: string; left: number; right: number; top: number; bottom: number }> = [];
    for (const item of (await page.getTextContent()).items) {
      if (!("str" in item) || !item.str) continue;
      const [, , , , x, y] = item.transform as number[];
      pieces.push({ text: item.str, left: x, right: x + item.width, top: height - y - item.height, bottom: height - y });
    }
    pieces.sort((a, b) => a.bottom - b.bottom || a.left - b.left);
    let line: TextLine | null = null;
    for (const piece of pieces) {
      if (line && Math.abs(piece.bottom - line.bottom) < 1) {
        line.text += piece.left - line.right < 1 ? piece.text : ` ${piece.text}`;
        line.right = piece.right;
        line.top = Math.min(line.top, piece.top);
        continue;
      }
      if (line) lines.push(line);
      line = { page: i, text: piece.text, left: piece.left, right: piece.right, top: piece.top, bottom: piece.bottom, pageWidth: width, pageHeight: height };
    }
    if (line) lines.push(line);
  }
  await doc.destroy();
  return lines;
}

/** One page of the PDF rendered at `dpi`, decoded. */
export function renderPdfPage(bytes: Uint8Array, page: number, dpi = 100): PNG {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-pdf-page-"));
  try {
    const pdf = path.join(dir, "in.pdf");
    fs.writeFileSync(pdf, bytes);
    execFileSync(PDFTOPPM, ["-f", String(page), "-l", String(page), "-r", String(dpi), "-png", "-singlefile", pdf, path.join(dir, "page")]);
    return PNG.sync.read(fs.readFileSync(path.join(dir, "page.png")));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Keeps a rendered page beside the screenshots (test/artifacts/NAME.png) for a person to look at. */
export function savePng(png: PNG, name: string): string {
  const dir = path.resolve(__dirname, "..", "artifacts");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  fs.writeFileSync(file, PNG.sync.write(png));
  return file;
}

function hex(colour: string): [number, number, number] {
  const n = parseInt(colour.replace("#", ""), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The pixels of `box` (points) in a page rendered at `dpi`. */
function* pixels(png: PNG, box: PageBox, dpi: number): Generator<[number, number, number]> {
  const k = dpi / 72;
  const x0 = Math.max(0, Math.floor(box.left * k));
  const x1 = Math.min(png.width, Math.ceil(box.right * k));
  const y0 = Math.max(0, Math.floor(box.top * k));
  const y1 = Math.min(png.height, Math.ceil(box.bottom * k));
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4;
      yield [png.data[i], png.data[i + 1], png.data[i + 2]];
    }
  }
}

/** How many pixels in the box are `colour` (each channel within `tolerance`). */
export function countColour(png: PNG, box: PageBox, dpi: number, colour: string, tolerance = 24): number {
  const [r, g, b] = hex(colour);
  let n = 0;
  for (const [pr, pg, pb] of pixels(png, box, dpi)) {
    if (Math.abs(pr - r) <= tolerance && Math.abs(pg - g) <= tolerance && Math.abs(pb - b) <= tolerance) n++;
  }
  return n;
}

/** The share of the box's pixels that are not (near) white. */
export function inkShare(png: PNG, box: PageBox, dpi: number): number {
  let ink = 0;
  let all = 0;
  for (const [r, g, b] of pixels(png, box, dpi)) {
    all++;
    if (r < 235 || g < 235 || b < 235) ink++;
  }
  return all === 0 ? 0 : ink / all;
}

/** A chart as a PDF shows it: the start of its title, the title of its bottom axis (the lowest thing it draws), the
 * labels it must show, and the colours of what it draws with the fewest pixels of each a drawn chart has at 100 dpi. */
export interface PdfChart {
  title: string;
  axis: string;
  labels?: readonly string[];
  colours: Record<string, readonly [colour: string, least: number]>;
}

/**
 * Each chart is in the PDF inside its own box and really drawn: its axis title under its title with room below it
 * (a chart drawn for the screen and printed into a shorter box spills its axis over the next panel), its text inside
 * the page's margins, its labels there, and, on its page rendered to a picture (kept as test/artifacts/NAME-page-N.png),
 * its lines and bars in their colours between its title and its axis. Without pdftoppm the picture is not checked
 * and the reason is returned.
 */
export async function expectPdfChartsDrawn(bytes: Uint8Array, charts: readonly PdfChart[], name: string): Promise<string | null> {
  const lines = await pdfTextLines(bytes);
  const footer = (l: TextLine) => / · page \d+ of \d+$/.test(l.text);
  const tool = ensurePdftoppm();
  const dpi = 100;
  const rendered = new Map<number, PNG>();
  for (const chart of charts) {
    const caption = lines.find((l) => l.text.startsWith(chart.title));
    expect(caption, `the PDF has the title of the chart "${chart.title}…"`).toBeTruthy();
    const samePage = lines.filter((l) => l.page === caption!.page && !footer(l));
    const axis = samePage.find((l) => l.text === chart.axis && l.top > caption!.bottom);
    expect(axis, `"${chart.title}…" has its axis title "${chart.axis}" under it on the same page`).toBeTruthy();
    const below = samePage.filter((l) => l.top >= axis!.bottom - 0.5 && l !== axis);
    const nextBelow = Math.min(...below.map((l) => l.top), caption!.pageHeight);
    expect(nextBelow - axis!.bottom, `room under the axis of "${chart.title}…"`).toBeGreaterThanOrEqual(10);
    const box: PageBox = { page: caption!.page, left: 30, right: caption!.pageWidth - 30, top: caption!.bottom + 1, bottom: axis!.bottom + 1 };
    const inBox = samePage.filter((l) => l.top >= box.top - 1 && l.bottom <= box.bottom + 1);
    for (const l of inBox) {
      expect(l.left, `"${l.text}" starts inside the page's margin`).toBeGreaterThanOrEqual(34);
      expect(l.right, `"${l.text}" ends inside the page's margin`).toBeLessThanOrEqual(caption!.pageWidth - 34);
    }
    for (const label of chart.labels ?? []) expect(inBox.map((l) => l.text), `"${chart.title}…" shows "${label}"`).toContain(label);
    if (!tool.ok) continue;
    if (!rendered.has(box.page)) {
      rendered.set(box.page, renderPdfPage(bytes, box.page, dpi));
      savePng(rendered.get(box.page)!, `${name}-page-${box.page}`);
    }
    const png = rendered.get(box.page)!;
    for (const [what, [colour, least]] of Object.entries(chart.colours)) {
      expect(countColour(png, box, dpi, colour), `pixels of the ${what} (${colour}) in "${chart.title}…"`).toBeGreaterThanOrEqual(least);
    }
    expect(inkShare(png, box, dpi), `share of drawn pixels in "${chart.title}…"`).toBeGreaterThan(0.03);
  }
  return tool.ok ? null : tool.reason;
}
