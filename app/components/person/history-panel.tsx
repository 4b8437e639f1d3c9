/** Change history: audit events and import changes for the person and their records. */
import type { PersonPageData } from "./types";

export function HistoryPanel({ d }: { d: PersonPageData }) {
  return (
    <section className="panel" aria-labelledby="history-title">
      <h2 id="history-title">Change history</h2>
      {d.history.length === 0 ? (
        <p>No recorded changes.</p>
      ) : (
        <div className="table-wrap">
          <table data-testid="history">
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {d.history.map((h, i) => (
                <tr key={i}>
                  <td className="nowrap">{h.when}</td>
                  <td>{h.who}</td>
                  <td>
                    {h.source === "import" ? <span className="tag">import</span> : h.source === "plan" ? <span className="tag">workforce plan</span> : null} {h.summary}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
