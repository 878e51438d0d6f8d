/** Every table of the schema by name, for tests that compare the whole database before and after. */
import * as schema from "../../db/schema";
import * as importSchema from "../../db/schema-import";

export const ALL_TABLES = {
  parties: schema.parties,
  agreements: schema.agreements,
  agreementParties: schema.agreementParties,
  sourceDocuments: schema.sourceDocuments,
  commitments: schema.commitments,
  commitmentParties: schema.commitmentParties,
  statusUpdates: schema.statusUpdates,
  evidence: schema.evidence,
  users: schema.users,
  auditLog: schema.auditLog,
  publicRevision: schema.publicRevision,
  importRuns: importSchema.importRuns,
  importCandidates: importSchema.importCandidates,
};
