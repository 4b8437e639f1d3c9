/**
 * The two calls the audit and plan models make that still take the database handle rather than the scope: the
 * rules' evaluation (`evaluateOrganisation`, `organisationPicture`) and the ratings importer (`runRatingsImport`). Both belong to the
 * `rules` helper's step that moves them onto the scope; until then the handle is taken from the scope here, and
 * only here, so that change touches these lines alone.
 */
import type { DB } from "../../../db/connection";
import { evaluateOrganisation, organisationPicture, type EvaluatedOrganisation, type OrganisationPicture } from "../compliance.server";
import type { OrganisationReader } from "../organisation-scope.server";

export function scopeDatabase(scope: OrganisationReader): DB {
  return (scope as unknown as { db: DB }).db;
}

export function evaluateScope(scope: OrganisationReader, asOf: string): Promise<EvaluatedOrganisation> {
  return evaluateOrganisation(scopeDatabase(scope), scope.organisationId, asOf);
}

export function pictureOfScope(scope: OrganisationReader, asOf: string): Promise<OrganisationPicture> {
  return organisationPicture(scopeDatabase(scope), scope.organisationId, asOf);
}
