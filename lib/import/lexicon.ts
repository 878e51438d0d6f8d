/**
 * The theme lexicon of the import codebook (docs/import-codebook.md, rules T1–T13): for each theme
 * id, its rule id, its label, the keywords that point to it (1 each) and its general words (½ each,
 * rule T15; the regional and political themes have only general words). This file is the one source; the
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
  /** General words (rule T15): each hit counts half. */
  general?: readonly string[];
}

/** A "|"-separated list of lexicon words; "" is none. */
function words(list: string): readonly string[] {
  return list ? list.split("|") : [];
}

/** The themes, in tie-break order (more specific themes first). Words are "|"-separated. */
export const THEMES: readonly Theme[] = [
  {
    id: "critical-minerals",
    rule: "T5",
    label: "Critical minerals",
    keywords: words(
      "critical mineral*|rare earth*|lithium|nickel|cobalt|graphite|mineral*|mining|raw material*|batter*|geolog*|smelt*|refining|galian|mineral kritikal|핵심광물|광물|배터리*|니켈*",
    ),
    general: words("supply chain*|rantaian bekalan|공급망*"),
  },
  {
    id: "defence",
    rule: "T1",
    label: "Defence",
    keywords: words(
      "defen*|military|armed forces|arms|weapon*|navy|navies|naval|army|armies|air force|air forces|troops|munition*|ammunition|artillery|howitzer*|tanks|visiting forces|status of forces|SOFA|reciprocal access agreement*|fighter jet*|fighter aircraft|warship*|submarine*|peacekeep*|interoperab*|military exercise*|joint exercis*|field training exercise*|service-to-service|pertahanan|ketenteraan|tentera|국방|방산|군사",
    ),
  },
  {
    id: "energy-climate",
    rule: "T4",
    label: "Energy & climate",
    keywords: words(
      "energy|climate|carbon|emission*|renewable*|hydrogen|solar|nuclear power|net zero|net-zero|decarboni*|LNG|electricity|power grid*|natural gas|liquefied natural gas|offshore wind|wind power|wind energy|nuclear energy|nuclear cooperation|nuclear reactor*|small modular reactor*|nuclear safety|civil nuclear|biofuel*|low-carbon|climate adaptation|environmental|biodiversity|tenaga|iklim|karbon|alam sekitar|에너지|기후|탄소|수소|원전|환경",
    ),
    general: words("green"),
  },
  {
    id: "digital",
    rule: "T6",
    label: "Digital",
    keywords: words(
      "digital|semiconductor*|artificial intelligence|AI|cyber*|data|5G|ICT|telecommunication*|submarine cable*|subsea cable*|cloud|e-commerce|digital economy|digital trade|quantum|internet|siber|인공지능|디지털|반도체|사이버",
    ),
    general: words("technolog*|teknologi|기술"),
  },
  {
    id: "trade",
    rule: "T2",
    label: "Trade",
    keywords: words(
      "trade|free trade agreement|economic partnership agreement*|EPA|FTA|CEPA|export*|import*|tariff*|customs|market access|commerce|trading|WTO|World Trade Organization|Doha|protectionism|non-tariff|rules of origin|agricultur*|agri-food|business delegation*|trade mission*|perdagangan|eksport|pertanian|무역|통상|수출|자유무역협정|농업",
    ),
  },
  {
    id: "investment",
    rule: "T3",
    label: "Investment",
    keywords: words(
      "invest*|investor*|capital|financ*|business*|compan*|industr*|infrastructure|loan*|transport*|railway*|rail|high-speed rail|high speed rail|train service*|connectivity|port development|official development assistance|development bank*|multilateral development bank*|debt*|ODA|pelaburan|pelabur|infrastruktur|투자|인프라|금융",
    ),
  },
  {
    id: "health",
    rule: "T11",
    label: "Health",
    keywords: words(
      "health*|pandemic*|vaccine*|medical|medicine*|hospital*|disease*|pharmaceutical*|epidemic*|COVID-19|antimicrobial|kesihatan|vaksin|보건|백신|의료",
    ),
  },
  {
    id: "tourism",
    rule: "T7",
    label: "Tourism",
    keywords: words(
      "touris*|visa*|travel*|flight*|air connectivity|visitor*|airline*|aviation|hotel*|hospitality|pelancong*|pelawat|melancong|관광|여행|항공",
    ),
  },
  {
    id: "education",
    rule: "T8",
    label: "Education",
    keywords: words(
      "education*|student*|scholarship*|universit*|academic*|vocational|research|skills|qualification*|school*|teacher*|alumni|pendidikan|pelajar|biasiswa|universiti|교육|유학*|장학*|대학",
    ),
    general: words("training|latihan"),
  },
  {
    id: "culture",
    rule: "T9",
    label: "Culture",
    keywords: words(
      "cultur*|people-to-people|arts|heritage|sport*|youth|belia|K-pop|film*|media|museum*|music*|festival*|kebudayaan|budaya|sukan|문화|청년|체육",
    ),
  },
  {
    id: "security",
    rule: "T10",
    label: "Security",
    keywords: words(
      "terroris*|terrorist financing|money laundering|coast guard*|transnational crime*|maritime|law enforcement|police|counter-terrorism|drug*|trafficking|border*|search and rescue|disaster relief|humanitarian assistance and disaster relief|HADR|disaster*|piracy|extremis*|non-proliferation|counter-proliferation|scam*|keselamatan|keganasan|maritim|sempadan|안보|테러|해양|재난",
    ),
    general: words("security"),
  },
  {
    id: "regional",
    rule: "T12",
    label: "Regional",
    keywords: words(""),
    general: words(
      "ASEAN|Indo-Pacific|Korean Peninsula|South China Sea|regional|region|APEC|East Asia Summit|Mekong|RCEP|Pacific Islands Forum|Pacific island*|serantau|지역",
    ),
  },
  {
    id: "political",
    rule: "T13",
    label: "Political",
    keywords: words(""),
    general: words(
      "strategic partnership*|foreign minister*|heads of government|heads-of-government|heads of state|partnership*|joint commission*|ministerial*|diplomatic|high-level|visit*|summit*|dialogue*|consultation*|parliament*|multilateral*|United Nations|rules-based|democracy|human rights|politik|diplomatik|정치|외교",
    ),
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
  // T19: Korean attaches particles and compounds to a word ("관광을", "관광객"): a Hangul keyword is a prefix.
  const tail = prefix ? "[\\p{L}-]*" : /\p{Script=Hangul}$/u.test(body) ? "\\p{Script=Hangul}*" : "";
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}${tail}(?![\\p{L}\\p{N}])`, flags);
}
