/**
 * Rules for an agreement that the import command line creates from a text
 * (`npm run import -- FILE --date … --parties … --title … --commit`, issue 10): its address name
 * (slug) and its kind, from the title, the parties, the document's date and the source document's
 * kind. The agreement itself is written by the `agreement.create` verb.
 */
import type { CalendarDate } from "../calendar-date";
import type { SourceDocumentKind } from "../source-documents";

/** Longest slug this makes (the agreement form allows 80). */
const MAX_SLUG = 60;

/**
 * The slug for a new agreement: the title's words in lower-case ASCII (accents dropped, "&" and
 * other signs as separators) up to 60 characters at a word boundary, with the document's year
 * appended when the title does not hold it; a title without Latin letters or digits (a Korean
 * title) gives the party codes and the date ("kr-my-2024-11-25"). `taken` says whether a slug is
 * used: then "-2", "-3" … is appended, shortened to fit.
 */
export function newAgreementSlug(
  title: string,
  codes: readonly string[],
  date: CalendarDate,
  taken: (slug: string) => boolean,
): string {
  const year = date.slice(0, 4);
  const words = title
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let base: string;
  if (words.length === 0) base = [...codes.map((c) => c.toLowerCase()), date].join("-");
  else {
    if (!words.includes(year)) words.push(year);
    base = words.join("-");
    while (base.length > MAX_SLUG && base.includes("-")) base = base.slice(0, base.lastIndexOf("-"));
    base = base.slice(0, MAX_SLUG);
  }
  if (base.length < 3) base = `${base}-${year}`;
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const slug = `${base.slice(0, MAX_SLUG - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!taken(slug)) return slug;
  }
}

/** The new agreement's kind (free text on the agreement) from its source document's kind. */
export function newAgreementKind(kind: SourceDocumentKind): string {
  switch (kind) {
    case "official_text":
      return "Agreement";
    case "readout":
      return "Readout";
    default:
      return "Joint statement";
  }
}
