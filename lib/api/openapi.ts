/**
 * The OpenAPI 3.1 document of the JSON API (`/api/v1/openapi.json`). Component schemas are generated
 * from the zod schemas of lib/api/schemas.ts (zod 4 `toJSONSchema` over a registry, JSON Schema
 * 2020-12 as OpenAPI 3.1 uses), so the document and the responses cannot drift apart silently:
 * the e2e suite validates live responses against this document.
 */
import { z } from "zod";

import {
  AGREEMENT_LIST_PARAMETERS,
  LIST_PARAMETERS,
  ZApiAgreementDetail,
  ZApiAgreementList,
  ZApiCommitment,
  ZApiCommitmentDetail,
  ZApiCommitmentPage,
  ZApiError,
  ZApiEvidence,
  ZApiStatusUpdate,
  ZApiAgreementSummary,
  ZApiAnchor,
  ZApiSourceDocument,
  ZApiSourceDocumentRef,
  ZApiAgreementCommitment,
} from "./schemas";

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function componentSchemas() {
  const registry = z.registry<{ id: string }>();
  const all: [z.ZodType, string][] = [
    [ZApiAgreementSummary, "AgreementSummary"],
    [ZApiAgreementList, "AgreementList"],
    [ZApiAgreementDetail, "AgreementDetail"],
    [ZApiCommitment, "Commitment"],
    [ZApiCommitmentDetail, "CommitmentDetail"],
    [ZApiCommitmentPage, "CommitmentPage"],
    [ZApiEvidence, "Evidence"],
    [ZApiStatusUpdate, "StatusUpdate"],
    [ZApiError, "Error"],
    [ZApiAnchor, "Anchor"],
    [ZApiSourceDocument, "SourceDocument"],
    [ZApiSourceDocumentRef, "SourceDocumentRef"],
    [ZApiAgreementCommitment, "AgreementCommitment"],
  ];
  for (const [schema, id] of all) registry.add(schema, { id });
  return z.toJSONSchema(registry, { target: "draft-2020-12", uri: (id) => `#/components/schemas/${id}` }).schemas;
}

const jsonContent = (schemaId: string) => ({ "application/json": { schema: ref(schemaId) } });

/** The whole document, with `origin` as its server. */
export function openApiDocument(origin: string) {
  const schemas = componentSchemas();
  // toJSONSchema puts a $schema and an $id on each; OpenAPI components take the bare schema.
  for (const s of Object.values(schemas) as Record<string, unknown>[]) {
    delete s.$schema;
    delete s.$id;
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Accord Tracker API",
      version: "1.0.0",
      description:
        "Read-only access to agreements and their commitments: status, owner, target date, history and evidence. No key is needed; CORS is open for GET. Counting rule: top-level commitments and milestones are counted separately.",
    },
    servers: [{ url: origin }],
    paths: {
      "/api/v1/agreements": {
        get: {
          summary: "Agreements with their status counts, filtered like /agreements, 25 a page",
          parameters: AGREEMENT_LIST_PARAMETERS.map(([name, description, schema]) => ({
            name,
            in: "query",
            required: false,
            description,
            schema,
          })),
          responses: {
            "200": { description: "A page of agreements", content: jsonContent("AgreementList") },
            "400": {
              description: "A query parameter is not understood; `fields` names it",
              content: jsonContent("Error"),
            },
          },
        },
      },
      "/api/v1/agreements/{slug}": {
        get: {
          summary:
            "One agreement with a page of its commitments (25 a page, each with its source anchor) and its source documents",
          parameters: [
            { name: "slug", in: "path", required: true, schema: { type: "string" } },
            {
              name: "page",
              in: "query",
              required: false,
              description:
                "Page of the commitments from 1. Past the last page the last page is served, with meta.pastLastPage true",
              schema: { type: "integer", minimum: 1 },
            },
          ],
          responses: {
            "200": { description: "The agreement", content: jsonContent("AgreementDetail") },
            "400": { description: "`page` is not a page number; `fields` names it", content: jsonContent("Error") },
            "404": { description: "No such agreement", content: jsonContent("Error") },
          },
        },
      },
      "/api/v1/commitments": {
        get: {
          summary: "Commitments and milestones, filtered like /commitments, 25 a page",
          parameters: LIST_PARAMETERS.map(([name, description, schema]) => ({
            name,
            in: "query",
            required: false,
            description,
            schema,
          })),
          responses: {
            "200": { description: "A page of commitments", content: jsonContent("CommitmentPage") },
            "400": {
              description: "A query parameter is not understood; `fields` names it",
              content: jsonContent("Error"),
            },
          },
        },
      },
      "/api/v1/commitments/{id}": {
        get: {
          summary: "One commitment with its history and evidence",
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", minimum: 1 } }],
          responses: {
            "200": { description: "The commitment", content: jsonContent("CommitmentDetail") },
            "404": { description: "No such commitment", content: jsonContent("Error") },
          },
        },
      },
    },
    components: { schemas },
  };
}
