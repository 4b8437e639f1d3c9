// A refused form, with JavaScript on: the page answers without a reload, each message stands beside its field
// (aria-invalid, aria-describedby) and what was typed is kept. Forms parsed through Conform (parseForm/textForm).
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { Browser } from "playwright-core";
import { baseUrl, launchBrowser, signIn } from "../helpers/browser";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("refused forms show their field errors (JavaScript on)", () => {
  test("adding an intake with blank fields: each field's own message beside it, the typed note kept, nothing added", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/plan/intakes`);
    const rowsBefore = await page.locator("table tbody tr").count();
    await page.locator("#add-note").fill("Kept after the refusal");
    await page.getByRole("button", { name: "Add the intake" }).click();
    await page.locator("#add-provider-error").waitFor({ state: "visible", timeout: 20_000 });
    expect(await page.locator("#add-provider-error").textContent()).toBe("Enter the training provider");
    expect(await page.locator("#add-startDate-error").textContent()).toBe("Enter a real start date");
    expect(await page.locator("#add-capacity-error").textContent()).toBe("Enter the number of places, from 1 to 10,000");
    expect(await page.locator("#add-provider").getAttribute("aria-invalid")).toBe("true");
    expect(await page.locator("#add-provider").getAttribute("aria-describedby")).toBe("add-provider-error");
    expect(await page.locator("#add-note").inputValue()).toBe("Kept after the refusal");
    expect(await page.locator("table tbody tr").count()).toBe(rowsBefore);
    expect(errors).toEqual([]);
    await page.close();
  });

  test("a qualification without a title or awarding body is refused beside those fields", async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await signIn(page, "hr@demo.example");
    await page.goto(`${baseUrl()}/orgs/riverside/qualifications`);
    await page.locator("#title").fill("   ");
    await page.locator('form:has(input[name="title"]) button[type="submit"]').click();
    await page.locator("#title-error").waitFor({ state: "visible", timeout: 20_000 });
    expect(await page.locator("#title-error").textContent()).toBe("Enter the qualification's title");
    expect(await page.locator("#awardingBody-error").textContent()).toBe("Enter the awarding body");
    expect(await page.locator("#title").getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("alert").first().textContent()).toContain("The qualification was not saved");
    expect(errors).toEqual([]);
    await page.close();
  });
});
