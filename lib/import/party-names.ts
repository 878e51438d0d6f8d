/**
 * The names a text may use for a party, by code (ISO 3166-1 alpha-2; "EU" for the European Union,
 * as ISO 3166 reserves it). Covers the G20 members, the ASEAN members (with Timor-Leste) and the EU:
 * the parties the tracker is likely to see. Codebook rule P6 (docs/import-codebook.md).
 *
 * Each list holds the short name, the formal name, common alternatives and abbreviations, the
 * demonym used as "the Korean side" / "Korean Government", and the capital. Capitals are kept
 * because readouts and news reports use them for the government ("Seoul and Kuala Lumpur agreed
 * to…"); extraction never takes a name that follows a preposition ("in Seoul", "with Malaysia")
 * as the party that owes a pledge, so a capital naming the venue does not make an ower.
 */
import type { PartyName } from "./types";

/** Names by party code; the first name is the one to show. */
export const PARTY_NAMES: Readonly<Record<string, readonly string[]>> = {
  AR: ["Argentina", "the Argentine Republic", "Argentine", "Argentinian", "Buenos Aires"],
  AU: ["Australia", "the Commonwealth of Australia", "Australian", "Canberra"],
  BR: ["Brazil", "the Federative Republic of Brazil", "Brazilian", "Brasília", "Brasilia"],
  CA: ["Canada", "Canadian", "Ottawa"],
  CN: ["China", "the People's Republic of China", "PRC", "Chinese", "Beijing"],
  FR: ["France", "the French Republic", "French", "Paris"],
  DE: ["Germany", "the Federal Republic of Germany", "German", "Berlin"],
  IN: ["India", "the Republic of India", "Indian", "New Delhi"],
  ID: ["Indonesia", "the Republic of Indonesia", "Indonesian", "Jakarta"],
  IT: ["Italy", "the Italian Republic", "Italian", "Rome"],
  JP: ["Japan", "Japanese", "Tokyo"],
  KR: ["Korea", "the Republic of Korea", "ROK", "South Korea", "Korean", "South Korean", "Seoul"],
  MX: ["Mexico", "the United Mexican States", "Mexican", "Mexico City"],
  RU: ["Russia", "the Russian Federation", "Russian", "Moscow"],
  SA: ["Saudi Arabia", "the Kingdom of Saudi Arabia", "KSA", "Saudi", "Riyadh"],
  ZA: ["South Africa", "the Republic of South Africa", "South African", "Pretoria"],
  TR: ["Türkiye", "Turkey", "the Republic of Türkiye", "Turkish", "Ankara"],
  GB: ["the United Kingdom", "United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "British", "London"],
  US: [
    "the United States",
    "United States",
    "the United States of America",
    "USA",
    "U.S.",
    "US",
    "American",
    "Washington",
  ],
  EU: ["the European Union", "European Union", "EU", "Brussels"],
  BN: ["Brunei", "Brunei Darussalam", "Bruneian", "Bandar Seri Begawan"],
  KH: ["Cambodia", "the Kingdom of Cambodia", "Cambodian", "Phnom Penh"],
  LA: ["Laos", "Lao PDR", "the Lao People's Democratic Republic", "Lao", "Laotian", "Vientiane"],
  MY: ["Malaysia", "Malaysian", "Kuala Lumpur", "Putrajaya"],
  MM: ["Myanmar", "the Republic of the Union of Myanmar", "Burma", "Burmese", "Naypyidaw", "Nay Pyi Taw"],
  PH: ["the Philippines", "Philippines", "the Republic of the Philippines", "Philippine", "Filipino", "Manila"],
  SG: ["Singapore", "the Republic of Singapore", "Singaporean"],
  TH: ["Thailand", "the Kingdom of Thailand", "Thai", "Bangkok"],
  VN: ["Viet Nam", "Vietnam", "the Socialist Republic of Viet Nam", "Vietnamese", "Hanoi", "Ha Noi"],
  TL: ["Timor-Leste", "East Timor", "the Democratic Republic of Timor-Leste", "Timorese", "Dili"],
};

/** Names in Korean and Malay, kept apart so the English list above stays readable. */
const OTHER_LANGUAGE_NAMES: Readonly<Record<string, readonly string[]>> = {
  KR: ["대한민국", "한국", "Korea Selatan", "Republik Korea"],
  MY: ["말레이시아"],
};

/** True when `code` is a party code this module knows. */
export function isKnownPartyCode(code: string): boolean {
  return Object.hasOwn(PARTY_NAMES, code);
}

/**
 * The PartyName entries for `codes` (upper-case codes such as "KR").
 * @throws Error naming the first code that is not known.
 */
export function partyNamesFor(codes: readonly string[]): PartyName[] {
  return codes.map((code) => {
    const names = PARTY_NAMES[code];
    if (!names) throw new Error(`Unknown party code "${code}"`);
    return { code, names: [...names, ...(OTHER_LANGUAGE_NAMES[code] ?? [])] };
  });
}
