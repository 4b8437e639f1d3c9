import { describe, expect, test } from "vitest";
import { routeShape } from "../../helpers/route-shape";

describe("routeShape", () => {
  test.each([
    ["/orgs/riverside/people/R00010", "/orgs/:slug/people/:id"],
    ["/orgs/oakfield/people/OAK-12", "/orgs/:slug/people/:id"],
    ["/orgs/riverside/audits/3/people/R00010", "/orgs/:slug/audits/:n/people/:id"],
    ["/orgs/riverside/people?status=red&page=2", "/orgs/:slug/people?page&status"],
    ["/orgs/riverside/imports/abcdefghijklmnopqrstuvwxyz", "/orgs/:slug/imports/:token"],
    ["/orgs/riverside/exports/people.csv", "/orgs/:slug/exports/people.csv"],
    ["/portfolio", "/portfolio"],
  ])("%s → %s", (url, shape) => {
    expect(routeShape(url)).toBe(shape);
  });
});
