/** A new organisation's first steps, each ticked when done; executives see the progress without the links. */
import { Link } from "@remix-run/react";
import { GETTING_STARTED_PATHS, GETTING_STARTED_TITLES, type GettingStartedStep } from "~/models/getting-started";

export function GettingStarted({ steps, base, canAct }: { steps: GettingStartedStep[]; base: string; canAct: boolean }) {
  const done = steps.filter((s) => s.done).length;
  return (
    <section className="panel getting-started" aria-labelledby="getting-started-title" data-testid="getting-started">
      <h2 id="getting-started-title" style={{ marginTop: 0 }}>
        Getting started: {done} of {steps.length} done
      </h2>
      <p className="muted">
        {canAct
          ? "The charts and milestones appear once staff are on record and their job titles are decided."
          : "The charts and milestones appear once your HR team has put staff on record and decided their job titles."}
      </p>
      <ol className="checklist">
        {steps.map((step) => (
          <li key={step.key} data-step={step.key} data-done={step.done ? "true" : "false"} className={step.done ? "done" : undefined}>
            <span className="tick" aria-hidden="true">
              {step.done ? "✓" : "○"}
            </span>
            <span>
              {canAct && !step.done ? <Link to={`${base}${GETTING_STARTED_PATHS[step.key]}`}>{GETTING_STARTED_TITLES[step.key]}</Link> : GETTING_STARTED_TITLES[step.key]}
              <span className="visually-hidden">{step.done ? " (done)" : " (to do)"}</span>
              <span className="muted"> · {step.detail}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
