/** The person page's data as its panels see it (types only: taken from the route's loader and action). */
import type { useActionData, useLoaderData } from "@remix-run/react";
import type { action, loader } from "~/routes/orgs.$slug.people.$employeeRef";

export type PersonPageData = ReturnType<typeof useLoaderData<typeof loader>>;
export type PersonActionData = ReturnType<typeof useActionData<typeof action>>;

/** What every panel of the person page is given. */
export interface PanelProps {
  d: PersonPageData;
  actionData: PersonActionData;
  /** Changes after each successful save so the forms start empty again. */
  formKey: number;
  busy: boolean;
}
