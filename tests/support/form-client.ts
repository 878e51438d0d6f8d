/**
 * A browser without JavaScript, in a few lines of fetch: it keeps cookies, reads a page's forms
 * (every named input, select and textarea, hidden ones included, as the browser would send them)
 * and posts one as `multipart/form-data` with the page's Origin, the way a server action is posted
 * from a form before hydration. Used by the durability e2e specs and `npm run bench:load` to sign
 * in as an editor and post status updates through the real HTTP path.
 */
/** Undo the HTML escaping React applies to text and attribute values (named and numeric). */
function decode(text: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
      return String.fromCodePoint(code);
    }
    return named[ref.toLowerCase()] ?? whole;
  });
}

export interface FormFields {
  /** the form's `action` attribute ("" posts back to the page's own URL) */
  action: string;
  fields: [string, string][];
}

const attr = (tag: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, "i").exec(tag);
  return m ? decode(m[1]!) : undefined;
};

/** The forms of an HTML page with the values a browser would send unchanged. */
export function readForms(html: string): FormFields[] {
  const forms: FormFields[] = [];
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const fields: [string, string][] = [];
    const body = m[2]!;
    for (const control of body.matchAll(/<(input|select|textarea)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/gi)) {
      const [, kind, tag = "", inner = ""] = control;
      const name = attr(tag, "name");
      if (!name) continue;
      if (kind!.toLowerCase() === "input") {
        const type = (attr(tag, "type") ?? "text").toLowerCase();
        if ((type === "checkbox" || type === "radio") && !/\schecked=/i.test(tag)) continue;
        if (type === "submit" || type === "button" || type === "file") continue;
        fields.push([name, attr(tag, "value") ?? ""]);
      } else if (kind!.toLowerCase() === "select") {
        const options = [...inner.matchAll(/<option\b([^>]*)>([\s\S]*?)<\/option>/gi)];
        const chosen = options.find((o) => /\sselected=/i.test(o[1]!)) ?? options[0];
        if (chosen) fields.push([name, attr(chosen[1]!, "value") ?? decode(chosen[2]!)]);
      } else {
        fields.push([name, decode(inner)]);
      }
    }
    forms.push({ action: attr(m[1]!, "action") ?? "", fields });
  }
  return forms;
}

export interface FormResponse {
  status: number;
  location: string | null;
  html: string;
  headers: Headers;
}

/** A cookie-keeping client for one site (one "browser"). */
export class FormClient {
  private readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  private remember(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  /** GET a page (no redirects followed), from this client's site or from the one at `from` (a base URL). */
  async get(path: string, { from = this.base }: { from?: string } = {}): Promise<FormResponse> {
    const response = await fetch(from + path, { headers: { cookie: this.cookieHeader() }, redirect: "manual" });
    this.remember(response);
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: await response.text(),
      headers: response.headers,
    };
  }

  /**
   * Post the form of `path` that has a field named `marker` (the first form when omitted), with
   * `values` replacing or adding fields, as a browser without JavaScript would. `readFrom` and
   * `postTo` (base URLs, this client's site by default) let the page come from one server and the
   * post go to another, as when two processes behind one address answer them.
   * @throws Error when the page has no such form.
   */
  async submit(
    path: string,
    values: Record<string, string>,
    marker?: string,
    { readFrom = this.base, postTo = this.base }: { readFrom?: string; postTo?: string } = {},
  ): Promise<FormResponse> {
    const page = await this.get(path, { from: readFrom });
    const form = readForms(page.html).find((f) => !marker || f.fields.some(([name]) => name === marker));
    if (!form) throw new Error(`no form${marker ? ` with a field ${marker}` : ""} on ${path} (status ${page.status})`);
    const data = new FormData();
    const given = new Set(Object.keys(values));
    for (const [name, value] of form.fields) if (!given.has(name)) data.append(name, value);
    for (const [name, value] of Object.entries(values)) data.append(name, value);
    const target = form.action && form.action !== "" ? new URL(form.action, postTo + path).href : postTo + path;
    const response = await fetch(target, {
      method: "POST",
      body: data,
      headers: { cookie: this.cookieHeader(), origin: postTo },
      redirect: "manual",
    });
    this.remember(response);
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: await response.text(),
      headers: response.headers,
    };
  }

  /**
   * Sign in through /signin. @throws Error when the site does not redirect with a session cookie.
   */
  async signIn(email: string, password: string): Promise<void> {
    const response = await this.submit("/signin", { email, password }, "password");
    if (response.status !== 303 || ![...this.cookies.keys()].some((k) => k.includes("session-token"))) {
      throw new Error(`sign-in as ${email} failed: status ${response.status}`);
    }
  }
}
