// Forms written against text, parsed through Conform: a blank or missing field gets the field's own message (not
// zod's "Required"), and a list keeps a lone blank choice.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseForm } from "../../../app/utils/respond.server";
import { textForm, textId } from "../../../app/utils/text-form";

function form(entries: Array<[string, string]>): FormData {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
}

const schema = textForm({
  provider: z.string().trim().min(1, "Enter the training provider"),
  note: z.string().trim().transform((v) => (v === "" ? null : v)),
  intakeId: textId("Choose an intake"),
  employers: z.array(z.string()).max(3, "At most three"),
});

describe("textForm", () => {
  it("gives a blank field and a field not posted at all their own messages", () => {
    for (const posted of [form([["provider", ""], ["intakeId", ""]]), form([])]) {
      expect(parseForm(posted, schema)).toEqual({
        ok: false,
        failure: { kind: "invalid", message: "Check the highlighted fields", fieldErrors: { provider: "Enter the training provider", intakeId: "Choose an intake" } },
      });
    }
  });

  it("reads text as text and keeps a lone blank choice of a list", () => {
    expect(parseForm(form([["provider", " Acme "], ["note", ""], ["intakeId", "12"], ["employers", ""]]), schema)).toEqual({
      ok: true,
      value: { provider: "Acme", note: null, intakeId: 12, employers: [""] },
    });
    expect(parseForm(form([["provider", "Acme"], ["intakeId", "1"]]), schema)).toMatchObject({ ok: true, value: { employers: [] } });
    expect(parseForm(form([["provider", "Acme"], ["intakeId", "1"], ["employers", "a"], ["employers", "b"], ["employers", ""], ["employers", "c"]]), schema)).toMatchObject({
      ok: false,
      failure: { fieldErrors: { employers: "At most three" } },
    });
  });
});
