/**
 * The HTML snippet another site pastes to show a commitment's status badge (the commitment page
 * offers it). It is markup built as a string, so every value in it is escaped for an attribute with
 * escape-html: a `ref` such as `"onload=alert(1)//` stays text inside `alt`.
 */
import escapeHtml from "escape-html";

/** `<a href="…/commitments/ID"><img src="…/badge/commitments/ID.svg" alt="Commitment REF: LABEL" height="20"></a>` */
export function embedSnippet(origin: string, id: number, ref: string, label: string): string {
  const page = escapeHtml(`${origin}/commitments/${id}`);
  const badge = escapeHtml(`${origin}/badge/commitments/${id}.svg`);
  return `<a href="${page}"><img src="${badge}" alt="${escapeHtml(`Commitment ${ref}: ${label}`)}" height="20"></a>`;
}
