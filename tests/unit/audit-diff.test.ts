/** Field-by-field changes of audit entries (lib/audit-diff.ts). */
import { describe, expect, it } from "vitest";

import { auditChanges, auditValue } from "@/lib/audit-diff";

describe("audit changes", () => {
  it("lists only the fields that changed", () => {
    const before = { title: "FTA", targetDate: "2025-12-31", version: 1, parties: ["KR", "MY"] };
    const after = { title: "FTA", targetDate: "2026-03-31", version: 2, parties: ["KR", "MY"] };
    expect(auditChanges(before, after)).toEqual([
      { field: "targetDate", before: "2025-12-31", after: "2026-03-31" },
      { field: "version", before: 1, after: 2 },
    ]);
  });

  it("lists every field of a new record, and fields that appear or disappear", () => {
    expect(auditChanges(null, { email: "a@b.org", role: "editor" })).toEqual([
      { field: "email", before: undefined, after: "a@b.org" },
      { field: "role", before: undefined, after: "editor" },
    ]);
    expect(auditChanges({ a: 1, gone: true }, { a: 1, added: [1] })).toEqual([
      { field: "added", before: undefined, after: [1] },
      { field: "gone", before: true, after: undefined },
    ]);
  });

  it("compares plain values and nothing as a whole", () => {
    expect(auditChanges(null, null)).toEqual([]);
    expect(auditChanges("x", "x")).toEqual([]);
    expect(auditChanges(1, 2)).toEqual([{ field: "value", before: 1, after: 2 }]);
  });

  it("writes values short", () => {
    expect(auditValue("2026-03-31")).toBe("2026-03-31");
    expect(auditValue(null)).toBe("—");
    expect(auditValue(undefined)).toBe("—");
    expect(auditValue(["KR", "MY"])).toBe('["KR","MY"]');
    expect(auditValue(3)).toBe("3");
  });
});
