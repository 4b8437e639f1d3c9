/** Words for qualification-record statuses (plain module: pages, exports and the server share it). */
import type { RecordStatusValue } from "../../db/schema";

export const RECORD_STATUS_LABELS: Record<RecordStatusValue, string> = {
  enrolled: "Enrolled",
  in_progress: "In progress",
  referred: "Referred",
  achieved: "Achieved",
  withdrawn: "Withdrawn",
  failed: "Failed",
};
