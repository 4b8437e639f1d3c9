import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import iconv from "iconv-lite";
import { baseUrl, launchBrowser, screenshot, signIn } from "../helpers/browser";
import { xlsxWorkbook } from "../helpers/xlsx";

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
    await page.locator('[role="status"]', { hasText: "2 added" }).first().waitFor(); // the notice of this navigation, not the previous one
    await page.goto(`${baseUrl()}/orgs/riverside/people/BRW001`);
    expect(await page.locator("h1").textContent()).toContain("Zoë Müller");
    await page.close();
  });
});

describe("importing conduct evidence from the browser", () => {
  test("HR uploads a supervision file: the preview names the bad row, column and value, and Discard writes nothing", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-conduct-"));
    const file = path.join(dir, "supervisions.csv");
    fs.writeFileSync(file, "Staff ID,Meeting Type,Meeting Date\r\nR00010,1:1,03/03/2026\r\nR00010,lunch,04/03/2026\r\n");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/imports`);
    await page.check('input[name="kind"][value="supervisions"]');
    await page.setInputFiles("#file", file);
    await Promise.all([page.waitForURL(/\/imports\/[a-f0-9]{32}$/), page.click("text=Upload and check")]);
    await page.locator(".page-header p", { hasText: "Supervisions, one-to-ones and appraisals" }).waitFor(); // the new page, not the upload page
    expect(await page.locator('[data-count="errors"] .value').textContent()).toBe("1");
    expect(await page.locator('[data-testid="import-errors"] tbody tr').first().textContent()).toMatch(/3\s*Meeting Type\s*lunch.*not a kind of meeting/);
    await Promise.all([page.waitForURL(/\/imports\?notice=/), page.click('[data-testid="apply-bar-top"] >> text=Discard')]);
    await page.locator('[role="status"]', { hasText: "nothing was imported" }).first().waitFor();
    await page.close();
  });
});

describe("an HR lead's first imports, in the browser", () => {
  test("an .xlsx with 'Date of Termination' is read, Save mapping saves, and the next matching upload uses it and says so", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-xlsx-"));
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const workbook = path.join(dir, "hr-export.xlsx");
    fs.writeFileSync(
      workbook,
      xlsxWorkbook([{ name: "Staff", rows: [["Payroll Code", "Surname", "Forename", "Job Held", "Date of Joining", "Date of Termination"], ["XL001", "Nwosu", "Ada", "Housing Officer", d("2018-04-03"), null], ["XL002", "Patel", "Ravi", "Income Officer", d("2020-09-14"), d("2025-01-31")]] }]),
    );
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/imports`);
    await page.check('input[name="mode"][value="partial"]');
    await page.setInputFiles("#file", workbook);
    await Promise.all([page.waitForURL(/\/imports\/[a-f0-9]{32}$/), page.click("text=Upload and check")]);
    const found = await page.locator('section[aria-labelledby="detected-title"]').textContent();
    expect(found).toContain("Excel workbook, sheet 'Staff'");
    // The job title and reference are not recognised: errors, and Apply is disabled at the top and the bottom.
    const top = page.locator('[data-testid="apply-bar-top"] button[value="apply"]');
    const bottom = page.locator('[data-testid="apply-bar-bottom"] button[value="apply"]');
    expect(await top.isDisabled()).toBe(true);
    expect(await bottom.isDisabled()).toBe(true);
    expect(Number(await top.evaluate((b) => getComputedStyle(b).opacity))).toBeLessThan(0.6);
    expect(await page.locator('[data-testid="apply-bar-top"]').textContent()).toContain("Fix the");

    await page.selectOption("#map-employee_ref", "Payroll Code");
    await page.selectOption("#map-job_title", "Job Held");
    await page.fill("#profileName", "Payroll workbook");
    await Promise.all([page.waitForURL(/notice=/), page.click("text=Save mapping")]);
    await page.locator('[role="status"]', { hasText: 'Saved the mapping "Payroll workbook"' }).first().waitFor(); // the notice of this navigation, not the previous one
    expect(await top.isDisabled()).toBe(false);
    expect(await page.locator('[data-count="to-add"] .value').textContent()).toBe("2");
    expect(await page.locator('[data-testid="date-notes"]').textContent()).toContain("Date of Termination: yyyy-mm-dd");
    await Promise.all([page.waitForURL(/\/imports\?notice=/), top.click()]);
    await page.locator('[role="status"]', { hasText: "2 added" }).first().waitFor(); // the notice of this navigation, not the previous one

    // Back to the applied upload: it says what happened.
    await page.goBack();
    await page.waitForLoadState("networkidle");
    expect(await page.locator('[data-testid="import-gone"] h1').textContent()).toContain("This import was applied: hr-export.xlsx");

    // The next export with the same columns: the saved mapping is applied automatically, and the page says so.
    const csv = path.join(dir, "next.csv");
    fs.writeFileSync(csv, "Payroll Code,Surname,Forename,Job Held,Date of Joining,Date of Termination\r\nXL003,Khan,Sara,Housing Officer,2021/05/04,\r\n");
    await page.goto(`${baseUrl()}/orgs/riverside/imports`);
    await page.check('input[name="mode"][value="partial"]');
    await page.setInputFiles("#file", csv);
    await Promise.all([page.waitForURL(/\/imports\/[a-f0-9]{32}$/), page.click("text=Upload and check")]);
    expect(await page.locator('[data-testid="profile-notice"]').textContent()).toContain('Applied your saved mapping "Payroll workbook" automatically');
    expect(await page.locator('[data-testid="date-notes"]').textContent()).toContain("Date of Joining: yyyy/mm/dd");
    expect(await page.locator('[data-count="errors"] .value').textContent()).toBe("0");
    // Not applied: it is listed on the imports page until it expires.
    await page.goto(`${baseUrl()}/orgs/riverside/imports`);
    expect(await page.locator('[data-testid="waiting-uploads"]').textContent()).toContain("next.csv");
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a PDF is refused on the upload page; Undo asks first and says what it will remove", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cc-pdf-"));
    const pdf = path.join(dir, "report.pdf");
    fs.writeFileSync(pdf, "%PDF-1.7\n%%EOF\n");
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/imports`);
    await page.setInputFiles("#file", pdf);
    await page.click("text=Upload and check");
    await page.waitForSelector('[role="alert"]');
    expect(await page.locator('[role="alert"]').first().textContent()).toContain("This is not a CSV file: save it as CSV or .xlsx from your HR system.");
    expect(page.url()).toMatch(/\/imports(\?index)?$/);

    const csv = path.join(dir, "one.csv");
    fs.writeFileSync(csv, "Employee Number,Job Title\r\nUND001,Housing Officer\r\n");
    await page.check('input[name="mode"][value="partial"]');
    await page.setInputFiles("#file", csv);
    await Promise.all([page.waitForURL(/\/imports\/[a-f0-9]{32}$/), page.click("text=Upload and check")]);
    await Promise.all([page.waitForURL(/\/imports\?notice=/), page.locator('[data-testid="apply-bar-bottom"] button[value="apply"]').click()]);
    await page.click("text=Undo…");
    await page.waitForSelector('[data-testid="undo-confirm"]');
    expect(await page.locator('[data-testid="undo-confirm"]').textContent()).toContain("will remove the 1 person it added");
    expect(await page.locator("table[data-testid=import-history]").textContent()).toContain("Can't be undone: a later import was applied after it");
    await Promise.all([page.waitForURL(/notice=/), page.click("text=/Yes, undo import/")]);
    await page.locator('[role="status"]', { hasText: "1 added row removed" }).first().waitFor(); // the notice of this navigation, not the previous one
    await page.close();
  });
});
