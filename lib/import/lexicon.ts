/**
 * The theme lexicon of the import codebook (docs/import-codebook.md, rules T1–T13): for each theme
 * id, its rule id, its label and the keywords that point to it. This file is the one source; the
 * codebook's table is checked against it by tests/unit/import-candidates.test.ts.
 *
 * A keyword matches a whole word case-insensitively; a keyword ending in "*" matches any word
 * beginning with it ("defen*" matches "defence", "defense", "defensive"). A candidate's theme is
 * the one with most keyword hits in its quote; ties go to the theme listed first; no hit gives
 * "political" (rule T0).
 */

/** One theme of the lexicon. */
export interface Theme {
  id: string;
  rule: string;
  label: string;
  keywords: readonly string[];
}

/** The themes, in tie-break order (more specific themes first). */
export const THEMES: readonly Theme[] = [
  {
    id: "critical-minerals",
    rule: "T5",
    label: "Critical minerals",
    keywords: [
      "critical mineral*",
      "rare earth*",
      "lithium",
      "nickel",
      "cobalt",
      "graphite",
      "mineral*",
      "mining",
      "supply chain*",
      "galian",
    ],
  },
  {
    id: "defence",
    rule: "T1",
    label: "Defence",
    keywords: [
      "defen*",
      "military",
      "armed forces",
      "arms",
      "weapon*",
      "navy",
      "naval",
      "army",
      "air force",
      "munition*",
      "pertahanan",
      "국방",
      "방산",
    ],
  },
  {
    id: "energy-climate",
    rule: "T4",
    label: "Energy & climate",
    keywords: [
      "energy",
      "climate",
      "carbon",
      "emission*",
      "renewable*",
      "hydrogen",
      "solar",
      "nuclear power",
      "net zero",
      "net-zero",
      "green",
      "decarboni*",
      "LNG",
      "electricity",
      "power grid*",
      "tenaga",
      "iklim",
      "에너지",
      "기후",
    ],
  },
  {
    id: "digital",
    rule: "T6",
    label: "Digital",
    keywords: [
      "digital",
      "semiconductor*",
      "artificial intelligence",
      "AI",
      "cyber*",
      "data",
      "5G",
      "ICT",
      "technolog*",
      "telecommunication*",
      "e-commerce",
      "digital economy",
      "digital trade",
      "인공지능",
      "디지털",
      "반도체",
    ],
  },
  {
    id: "trade",
    rule: "T2",
    label: "Trade",
    keywords: [
      "trade",
      "free trade agreement",
      "economic partnership agreement*",
      "EPA",
      "FTA",
      "CEPA",
      "export*",
      "import*",
      "tariff*",
      "customs",
      "market access",
      "commerce",
      "trading",
      "perdagangan",
      "무역",
      "자유무역협정",
    ],
  },
  {
    id: "investment",
    rule: "T3",
    label: "Investment",
    keywords: [
      "invest*",
      "investor*",
      "capital",
      "financ*",
      "business*",
      "compan*",
      "industr*",
      "infrastructure",
      "loan*",
      "transport*",
      "railway*",
      "official development assistance",
      "ODA",
      "pelaburan",
      "투자",
    ],
  },
  {
    id: "health",
    rule: "T11",
    label: "Health",
    keywords: [
      "health",
      "pandemic*",
      "vaccine*",
      "medical",
      "hospital*",
      "disease*",
      "pharmaceutical*",
      "kesihatan",
      "보건",
    ],
  },
  {
    id: "tourism",
    rule: "T7",
    label: "Tourism",
    keywords: ["touris*", "visa*", "travel*", "flight*", "air connectivity", "visitor*", "pelancongan", "관광"],
  },
  {
    id: "education",
    rule: "T8",
    label: "Education",
    keywords: [
      "education*",
      "student*",
      "scholarship*",
      "universit*",
      "academic*",
      "training",
      "vocational",
      "research",
      "skills",
      "qualification*",
      "pendidikan",
      "교육",
    ],
  },
  {
    id: "culture",
    rule: "T9",
    label: "Culture",
    keywords: [
      "cultur*",
      "people-to-people",
      "arts",
      "heritage",
      "sport*",
      "youth",
      "belia",
      "K-pop",
      "film*",
      "media",
      "kebudayaan",
      "문화",
    ],
  },
  {
    id: "security",
    rule: "T10",
    label: "Security",
    keywords: [
      "security",
      "terroris*",
      "transnational crime*",
      "maritime",
      "law enforcement",
      "police",
      "counter-terrorism",
      "drug*",
      "trafficking",
      "border*",
      "keselamatan",
      "안보",
    ],
  },
  {
    id: "regional",
    rule: "T12",
    label: "Regional",
    keywords: [
      "ASEAN",
      "Indo-Pacific",
      "Korean Peninsula",
      "South China Sea",
      "regional",
      "region",
      "APEC",
      "East Asia Summit",
      "Mekong",
      "RCEP",
      "serantau",
      "지역",
    ],
  },
  {
    id: "political",
    rule: "T13",
    label: "Political",
    keywords: [
      "strategic partnership",
      "partnership",
      "diplomatic",
      "high-level",
      "visit*",
      "summit*",
      "dialogue",
      "consultation*",
      "parliament*",
      "multilateral*",
      "United Nations",
      "rules-based",
      "democracy",
      "human rights",
      "politik",
      "정치",
    ],
  },
];

/** The theme of the fallback rule T0. */
export const DEFAULT_THEME = "political";

/** The regular expression that matches one lexicon keyword as a whole word (Unicode-aware). */
export function keywordPattern(keyword: string): RegExp {
  const prefix = keyword.endsWith("*");
  const body = (prefix ? keyword.slice(0, -1) : keyword).replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+");
  // All-caps keywords (FTA, AI, LNG) match case-sensitively so "ai" in a word or "Ai" does not.
  const flags = /^[A-Z0-9-]+$/.test(keyword) ? "gu" : "giu";
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${prefix ? "[\\p{L}-]*" : ""}(?![\\p{L}\\p{N}])`, flags);
}
