import type { NextConfig } from "next";

import { contentSecurityPolicy } from "./lib/csp";

const isDev = process.env.NODE_ENV === "development";

/**
 * The policy of every response that neither proxy.ts (a nonce, on signed-in pages) nor the server's
 * hashing layer (lib/hashed-csp.ts, on public HTML pages) replaces: no inline script
 * (lib/csp.ts; docs/decisions/007-content-security-policy.md). `next dev` has no hashing layer and
 * React's dev tools evaluate code, so development keeps 'unsafe-inline' and 'unsafe-eval'.
 */
const CSP = contentSecurityPolicy([], { dev: isDev });

const SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "same-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), interest-cohort=()" },
  // Browsers honour HSTS only over https; over plain http (localhost) it is ignored.
  { key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" },
];

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  // pdf.js (through pdf-parse) loads its worker as "./pdf.worker.mjs" beside itself, which a bundled
  // chunk does not have (Turbopack rewrites the path to .next/server/chunks/): load both unbundled.
  serverExternalPackages: ["better-sqlite3", "pdf-parse", "pdfjs-dist"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Lint and typecheck run as their own scripts (npm run lint / typecheck), not inside the build.
  typescript: { ignoreBuildErrors: false },
  async headers() {
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      // proxy.ts sets the nonce policy of these pages; a second policy here would be enforced too.
      {
        source: "/((?!staff(?:/|$)|admin(?:/|$)|signin(?:/|$)).*)",
        headers: [{ key: "Content-Security-Policy", value: CSP }],
      },
    ];
  },
};

export default nextConfig;
