/** The configuration read from the environment: a wrong value stops start-up with a message naming the variable. */
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAppEnv } from "../../../app/utils/env.server";

const base = { DATABASE_URL: path.join(os.tmpdir(), "cc-app-env-test", "compliance.db"), SESSION_SECRET: "test-secret-0123456789" };

describe("SERVER_HEAP_GROWTH_PERCENT (how far a server's heap may grow past what is live)", () => {
  it.each([
    [undefined, 30],
    ["30", 30],
    ["50", 50],
    ["0", 0],
  ])("%s gives %s", (value, expected) => {
    expect(parseAppEnv({ ...base, SERVER_HEAP_GROWTH_PERCENT: value }).heapGrowthPercent).toBe(expected);
  });

  it.each(["lots", "12.5", "-1", "5000"])("refuses %s, naming the variable", (value) => {
    expect(() => parseAppEnv({ ...base, SERVER_HEAP_GROWTH_PERCENT: value })).toThrow(/^Invalid configuration: SERVER_HEAP_GROWTH_PERCENT: /);
  });
});
