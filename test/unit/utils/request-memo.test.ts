import { describe, expect, it } from "vitest";
import { memoisedForRequest, withRequestMemo } from "../../../app/utils/request-memo.server";

function counter() {
  let calls = 0;
  return { lookup: async () => ++calls, calls: () => calls };
}

describe("a lookup shared by the loaders of one request", () => {
  it.each([
    { method: "GET", shared: true },
    { method: "HEAD", shared: true },
    { method: "POST", shared: false },
    { method: "PUT", shared: false },
    { method: "DELETE", shared: false },
  ])("$method: the layout and the page share it: $shared", async ({ method, shared }) => {
    const c = counter();
    const [a, b] = await withRequestMemo(method, () => Promise.all([memoisedForRequest("session:x", c.lookup), memoisedForRequest("session:x", c.lookup)]));
    expect(c.calls()).toBe(shared ? 1 : 2);
    expect([a, b]).toEqual(shared ? [1, 1] : [1, 2]);
  });

  it("different keys are looked up apart", async () => {
    const c = counter();
    await withRequestMemo("GET", () => Promise.all([memoisedForRequest("organisation:1:large", c.lookup), memoisedForRequest("organisation:1:small", c.lookup)]));
    expect(c.calls()).toBe(2);
  });

  it("nothing is shared between two requests", async () => {
    const c = counter();
    await withRequestMemo("GET", () => memoisedForRequest("session:x", c.lookup));
    await withRequestMemo("GET", () => memoisedForRequest("session:x", c.lookup));
    expect(c.calls()).toBe(2);
  });

  it("outside a request every lookup runs", async () => {
    const c = counter();
    await memoisedForRequest("session:x", c.lookup);
    await memoisedForRequest("session:x", c.lookup);
    expect(c.calls()).toBe(2);
  });

  it("a lookup that failed is tried again by the next caller", async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls === 1) throw new Error("connection reset");
      return "user";
    };
    const results = await withRequestMemo("GET", async () => {
      const first = await memoisedForRequest("session:x", flaky).catch((e: Error) => e.message);
      const second = await memoisedForRequest("session:x", flaky);
      return [first, second];
    });
    expect(results).toEqual(["connection reset", "user"]);
    expect(calls).toBe(2);
  });
});
