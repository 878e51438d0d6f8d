/** Progress 0–100 as text and a bar; "not recorded" when unknown. */
export function ProgressMeter({ value, note }: { value: number | null; note?: string }) {
  if (value === null) return <span className="muted">Progress not recorded</span>;
  return (
    <span className="progress">
      <span className="progress__track" aria-hidden="true">
        <span className="progress__fill" style={{ width: `${value}%` }} />
      </span>
      <span className="progress__text">
        {value}%{note ? <span className="muted"> {note}</span> : null}
      </span>
    </span>
  );
}
