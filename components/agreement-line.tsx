import Link from "next/link";

/** "In <agreement>" under an item of a list that mixes agreements (home page, compare view). */
export function AgreementLine({ agreement }: { agreement: { slug: string; title: string } }) {
  return (
    <div className="meta-line" data-testid="item-agreement">
      In <Link href={`/agreements/${agreement.slug}`}>{agreement.title}</Link>
    </div>
  );
}
