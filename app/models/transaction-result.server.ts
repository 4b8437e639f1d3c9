/**
 * A transaction whose body answers with a `Result` (app/models/result.ts): a success commits, a failure rolls back
 * everything the body wrote before it found the problem (the organisation set up before its third user was
 * refused) and comes back as the same failure. The one way a command refuses part-way through a write.
 */
import type { Kysely, Transaction } from "kysely";
import type { Database } from "../../db/schema";
import type { Failure, Result } from "./result";

/** Carries a failure out of the transaction so the driver rolls it back; never leaves this module. */
class RolledBack extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

export async function transactionResult<T>(db: Kysely<Database>, body: (trx: Transaction<Database>) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await db.transaction().execute(async (trx) => {
      const result = await body(trx);
      if (!result.ok) throw new RolledBack(result.failure);
      return result;
    });
  } catch (error) {
    if (error instanceof RolledBack) return { ok: false, failure: error.failure };
    throw error;
  }
}
