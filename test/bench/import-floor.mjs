// The floor for the CLI import, as a whole process: PapaParse parses the CSV and one prepared INSERT in one
// transaction writes the rows into a WAL file database (already migrated, organisation 1 present).
//   node test/bench/import-floor.mjs <database> <file.csv>
import fs from "node:fs";
import Papa from "papaparse";
import Database from "better-sqlite3";

const [file, csv] = process.argv.slice(2);
const sqlite = new Database(file);
sqlite.pragma("journal_mode = WAL");
sqlite.pragma("synchronous = NORMAL");
const parsed = Papa.parse(fs.readFileSync(csv, "utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true });
const insert = sqlite.prepare(
  `INSERT INTO staff (organisation_id, employee_ref, last_name, first_name, email, job_title, job_title_normalised, department,
     location, employer, fte, start_date, role_start_date, end_date, on_probation) VALUES (1,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
);
sqlite.transaction((rows) => {
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i];
    insert.run(r[0], r[1], r[2], r[3], r[4], r[4].toLowerCase(), r[5], r[6], r[7] || null, Number(r[8]), r[9], r[10], r[11] || null, r[12] === "yes" ? 1 : 0);
  }
})(parsed.data);
sqlite.close();
