import Link from "next/link";

/**
 * Under a chart that shows only the keys (themes, owners) with the most commitments: how many more
 * there are, and a link to the list (`listHref`) that holds them all. Nothing when all are shown.
 */
export function MoreKeys(props: { shown: readonly { key: string }[]; keys: number; noun: string; listHref: string }) {
  const shown = new Set(props.shown.map((r) => r.key)).size;
  const more = props.keys - shown;
  if (more <= 0) return null;
  return (
    <p className="muted" data-testid={`more-${props.noun}`}>
      {`Showing the ${shown} ${props.noun} with the most commitments; ${more.toLocaleString("en")} more are in `}
      <Link href={props.listHref}>the list</Link>.
    </p>
  );
}
