import { describe, expect, it } from "vitest";

import { newAgreementKind, newAgreementSlug } from "@/lib/import/new-agreement";

const free = () => false;

describe("newAgreementSlug", () => {
  it("takes the title's words in lower-case ASCII and adds the year when the title lacks it", () => {
    expect(newAgreementSlug("Korea–Malaysia Joint Statement", ["KR", "MY"], "2024-11-25", free)).toBe(
      "korea-malaysia-joint-statement-2024",
    );
    expect(newAgreementSlug("Joint Statement of 2024 & Beyond", ["KR"], "2024-11-25", free)).toBe(
      "joint-statement-of-2024-beyond",
    );
    expect(newAgreementSlug("Déclaration conjointe Côte d'Ivoire", ["CI"], "2025-01-02", free)).toBe(
      "declaration-conjointe-cote-d-ivoire-2025",
    );
  });

  it("gives the party codes and the date for a title without Latin letters or digits", () => {
    expect(newAgreementSlug("한-말레이시아 공동성명", ["KR", "MY"], "2024-11-25", free)).toBe("kr-my-2024-11-25");
  });

  it("cuts a long title at a word boundary within 60 characters", () => {
    const slug = newAgreementSlug(
      "Joint Statement on the Comprehensive Strategic Partnership between the Republic of Korea and Malaysia",
      ["KR", "MY"],
      "2024-11-25",
      free,
    );
    expect(slug).toBe("joint-statement-on-the-comprehensive-strategic-partnership");
    expect(slug.length).toBeLessThanOrEqual(60);
  });

  it("appends -2, -3 … while the slug is taken", () => {
    const taken = new Set(["kr-my-statement-2024", "kr-my-statement-2024-2"]);
    expect(newAgreementSlug("KR MY statement", ["KR", "MY"], "2024-01-01", (s) => taken.has(s))).toBe(
      "kr-my-statement-2024-3",
    );
  });
});

describe("newAgreementKind", () => {
  it("names the agreement's kind from its source document's kind", () => {
    expect(newAgreementKind("official_text")).toBe("Agreement");
    expect(newAgreementKind("readout")).toBe("Readout");
    expect(newAgreementKind("joint_statement")).toBe("Joint statement");
    expect(newAgreementKind("news_report")).toBe("Joint statement");
  });
});
