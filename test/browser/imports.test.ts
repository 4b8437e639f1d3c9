import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import iconv from "iconv-lite";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => browser?.close());

describe("importing from the browser", () => {
  test("an HR lead uploads a Windows-1252, semicolon-separated export, checks the preview and applies it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-upload-"));
    const file = path.join(dir, "sage-export.csv");
    const text = "Staff ID;Surname;Known As;Position;Team;Date Joined\r\nBRW001;Müller;Zoë;Neighbourhood Manager;Neighbourhoods;15/07/2019\r\nBRW002;Ó Briain;Siobhán;Income Officer;Income;03/02/2021\r\n";
    fs.writeFileSync(file, iconv.encode(text, "win1252"));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/imports`);
    await page.check('input[name="mode"][value="partial"]');
    await page.setInputFiles("#file", file);
    await Promise.all([page.waitForURL(/\/imports\/[a-f0-9]{32}$/), page.click("text=Upload and check")]);
    const found = await page.locator('section[aria-labelledby="detected-title"]').textContent();
    expect(found).toContain("windows-1252");
    expect(found).toContain('";"');
    expect(await page.locator('[data-count="to-add"] .value').textContent()).toBe("2");
    expect(await page.locator('[data-count="errors"] .value').textContent()).toBe("0");
    await screenshot(page, "import-preview");
    await Promise.all([page.waitForURL(/\/imports\?notice=/), page.click("text=Apply this import")]);
    expect(await page.locator('[role="status"]').first().textContent()).toContain("2 added");
    await page.goto(`${baseUrl()}/orgs/riverside/people/BRW001`);
    expect(await page.locator("h1").textContent()).toContain("Zoë Müller");
    await page.close();
  });
});
