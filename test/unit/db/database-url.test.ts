import path from "node:path";
import { describe, expect, test } from "vitest";
import { databaseTarget, DatabaseUrlError, escapeLike, redactUrl } from "../../../db/dialect";

describe("DATABASE_URL names the database", () => {
  test.each([
    ["postgres://app:secret@db.internal:5432/compliance", "postgres"],
    ["postgresql://app@localhost/compliance", "postgres"],
    ["POSTGRES://app@localhost/compliance", "postgres"],
  ])("%s is a PostgreSQL server", (url, kind) => {
    expect(databaseTarget(url)).toEqual({ kind, url });
  });

  test.each([
    ["./data/compliance.db", path.resolve("data/compliance.db")],
    ["/var/lib/cc/compliance.db", "/var/lib/cc/compliance.db"],
    ["file:./data/x.db", path.resolve("data/x.db")],
    ["file:///var/lib/cc/x.db", "/var/lib/cc/x.db"],
    ["sqlite:./x.db", path.resolve("x.db")],
    ["", path.resolve("data/compliance.db")],
    [undefined, path.resolve("data/compliance.db")],
  ])("%s is a SQLite file", (url, file) => {
    expect(databaseTarget(url)).toEqual({ kind: "sqlite", file });
  });

  test.each(["mysql://root@localhost/db", "http://example.com/db", "postgres:/one-slash/db", "redis://cache:6379"])("%s stops with a clear message", (url) => {
    expect(() => databaseTarget(url)).toThrow(DatabaseUrlError);
    expect(() => databaseTarget(url)).toThrow(/names no database this product can open.*file path.*postgres:\/\//);
  });

  test("the password never appears in messages", () => {
    expect(redactUrl("postgres://app:s3cret@db:5432/cc")).toBe("postgres://app:***@db:5432/cc");
    expect(() => databaseTarget("mysql://root:s3cret@db/cc")).toThrow(/^(?!.*s3cret)/s);
  });
});

test("like wildcards typed by a user match literally", () => {
  expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\");
});
