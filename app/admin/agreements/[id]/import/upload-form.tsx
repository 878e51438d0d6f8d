"use client";
/**
 * The import's upload form (issue 10): a file or a pasted text, and the source document's title,
 * kind, link and date. Without JavaScript it is a plain multipart form posted to
 * ./upload/route.ts, which answers with the review page of the new run. With JavaScript the same
 * form is sent by XMLHttpRequest asking for progress (NDJSON lines, see the route): the page shows
 * each stage — sending (with the share sent), reading the file, finding the structure, candidates
 * N of M paragraphs, saving — then opens the review, or shows the refusal at its field.
 */
import { useState } from "react";

import { Field } from "@/components/field";

export interface UploadDefaults {
  title: string;
  kind: string;
  url: string;
  publishedOn: string;
}

/** A refusal to show at a field ("file", "text", "title", "kind", "url", "publishedOn") or above the form. */
export interface UploadError {
  field: string;
  message: string;
}

type Stage =
  | { stage: "sending"; share: number | null }
  | { stage: "reading" }
  | { stage: "structure"; total: number }
  | { stage: "candidates"; done: number; total: number }
  | { stage: "saving" }
  | { stage: "opening"; candidates: number };

const KINDS = [
  ["official_text", "Official text"],
  ["joint_statement", "Joint statement"],
  ["readout", "Readout"],
  ["news_report", "News report"],
  ["other", "Other"],
] as const;

function describe(s: Stage): string {
  switch (s.stage) {
    case "sending":
      return s.share === null ? "Sending the text…" : `Sending the text… ${Math.round(s.share * 100)}%`;
    case "reading":
      return "Reading the file…";
    case "structure":
      return `Structure: ${s.total.toLocaleString("en")} paragraphs found. Finding candidates…`;
    case "candidates":
      return `Candidates: ${s.done.toLocaleString("en")} of ${s.total.toLocaleString("en")} paragraphs read…`;
    case "saving":
      return "Saving the candidates…";
    case "opening":
      return `${s.candidates.toLocaleString("en")} candidates found. Opening the review…`;
  }
}

const ORDER: Stage["stage"][] = ["sending", "reading", "structure", "candidates", "saving", "opening"];
const LABELS: Record<Stage["stage"], string> = {
  sending: "Sending",
  reading: "Reading the file",
  structure: "Structure",
  candidates: "Candidates",
  saving: "Saving",
  opening: "Review",
};

export function UploadForm(props: { action: string; defaults: UploadDefaults; error: UploadError | null }) {
  const [error, setError] = useState<UploadError | null>(props.error);
  const [stage, setStage] = useState<Stage | null>(null);
  const busy = stage !== null;
  const at = (field: string) => (error && error.field === field ? [error.message] : undefined);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    if (typeof XMLHttpRequest === "undefined") return;
    event.preventDefault();
    if (busy) return;
    const data = new FormData(event.currentTarget);
    const xhr = new XMLHttpRequest();
    let seen = 0;
    let finished = false;
    setError(null);
    setStage({ stage: "sending", share: null });
    const handle = (line: string) => {
      const msg = JSON.parse(line) as {
        stage?: string;
        done?: number;
        total?: number;
        result?: { state: string; url: string; candidates: number; error: UploadError | null };
        refusal?: { kind: string; message: string };
      };
      if (msg.result) {
        finished = true;
        if (msg.result.state === "review") {
          setStage({ stage: "opening", candidates: msg.result.candidates });
          window.location.assign(msg.result.url);
        } else {
          setStage(null);
          setError(msg.result.error ?? { field: "form", message: "The import failed." });
        }
      } else if (msg.refusal) {
        finished = true;
        setStage(null);
        setError({ field: "form", message: msg.refusal.message });
      } else if (msg.stage === "reading") setStage({ stage: "reading" });
      else if (msg.stage === "structure") setStage({ stage: "structure", total: msg.total ?? 0 });
      else if (msg.stage === "candidates")
        setStage({ stage: "candidates", done: msg.done ?? 0, total: msg.total ?? 0 });
      else if (msg.stage === "saving") setStage({ stage: "saving" });
    };
    const read = () => {
      const text = xhr.responseText;
      let end = text.indexOf("\n", seen);
      while (end !== -1) {
        const line = text.slice(seen, end).trim();
        seen = end + 1;
        if (line) {
          try {
            handle(line);
          } catch {
            // a line that is not JSON (a proxy's page): judged when the response ends
          }
        }
        end = text.indexOf("\n", seen);
      }
    };
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) setStage({ stage: "sending", share: e.loaded / e.total });
    };
    xhr.upload.onload = () => setStage((s) => (s && s.stage === "sending" ? { stage: "reading" } : s));
    xhr.onprogress = read;
    xhr.onload = () => {
      read();
      if (!finished) {
        setStage(null);
        setError({
          field: "form",
          message: `The server answered ${xhr.status} ${xhr.statusText}: ${xhr.responseText.slice(0, 200) || "no message"}`,
        });
      }
    };
    xhr.onerror = () => {
      setStage(null);
      setError({ field: "form", message: "The upload did not reach the server (the connection failed). Try again." });
    };
    xhr.open("POST", props.action);
    xhr.setRequestHeader("Accept", "application/x-ndjson");
    xhr.send(data);
  }

  const current = stage ? ORDER.indexOf(stage.stage) : -1;
  return (
    <form
      method="post"
      action={props.action}
      encType="multipart/form-data"
      className="form"
      noValidate
      onSubmit={onSubmit}
      data-testid="upload-form"
    >
      {error && error.field === "form" ? (
        <div className="banner banner--error" role="alert" data-testid="upload-error">
          <p style={{ margin: 0 }}>{error.message}</p>
        </div>
      ) : null}
      <Field
        id="file"
        label="File"
        hint=".txt, .md, .html, .docx or a PDF with a text layer; at most 5 MB. Other encodings than UTF-8 are detected."
        errors={at("file")}
      >
        {(c) => <input {...c} type="file" name="file" accept=".txt,.md,.html,.htm,.docx,.pdf" />}
      </Field>
      <Field id="text" label="Or paste the text" errors={at("text")}>
        {(c) => <textarea {...c} name="text" rows={8} />}
      </Field>
      <fieldset className="fieldset">
        <legend>The source document</legend>
        <Field id="title" label="Title" hint="Leave empty to use the agreement's title." errors={at("title")}>
          {(c) => <input {...c} type="text" name="title" defaultValue={props.defaults.title} />}
        </Field>
        <Field id="kind" label="Kind" errors={at("kind")}>
          {(c) => (
            <select {...c} name="kind" defaultValue={props.defaults.kind}>
              {KINDS.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="url" label="Link to the original" errors={at("url")}>
          {(c) => <input {...c} type="url" name="url" defaultValue={props.defaults.url} />}
        </Field>
        <Field
          id="publishedOn"
          label="The document's date"
          hint="Deadline phrases such as “by next year” are read against it; empty: the agreement's signing date."
          errors={at("publishedOn")}
        >
          {(c) => <input {...c} type="date" name="publishedOn" defaultValue={props.defaults.publishedOn} />}
        </Field>
      </fieldset>
      <div>
        <button type="submit" className="button" disabled={busy} aria-disabled={busy}>
          {busy ? "Importing…" : "Read the text and propose commitments"}
        </button>
      </div>
      <div role="status" aria-live="polite" className="import-progress" data-testid="import-progress">
        {stage ? (
          <>
            <p data-testid="import-stage">{describe(stage)}</p>
            <ol className="import-progress__stages">
              {ORDER.slice(0, -1).map((s, i) => (
                <li key={s} className={i < current ? "is-done" : i === current ? "is-current" : undefined}>
                  {LABELS[s]}
                  {i < current ? <span className="visually-hidden"> (done)</span> : null}
                </li>
              ))}
            </ol>
            {stage.stage === "candidates" && stage.total > 0 ? (
              <progress max={stage.total} value={stage.done} aria-label="Paragraphs read" />
            ) : null}
          </>
        ) : null}
      </div>
    </form>
  );
}
