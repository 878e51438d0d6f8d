import type { Metadata, Viewport } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import type { ReactNode } from "react";

import { siteOrigin } from "@/lib/site-origin";

import "./globals.css";

/** Site-wide metadata; the base URL comes from APP_URL or the request, for absolute canonical and OpenGraph URLs. */
export async function generateMetadata(): Promise<Metadata> {
  return {
    metadataBase: new URL(siteOrigin(await headers())),
    title: { default: "Accord Tracker", template: "%s · Accord Tracker" },
    description:
      "Follow what governments promise each other: every pledge of an international agreement with its status, owner, deadline, evidence and history.",
    applicationName: "Accord Tracker",
    openGraph: { siteName: "Accord Tracker", type: "website", locale: "en" },
  };
}

export const viewport: Viewport = { themeColor: "#1d3557" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="container site-header__inner">
            <Link href="/" className="brand">
              <span className="brand__mark" aria-hidden="true">
                ◆
              </span>{" "}
              Accord Tracker
            </Link>
            <nav aria-label="Main">
              <ul className="nav">
                <li>
                  <Link href="/">Overview</Link>
                </li>
                <li>
                  <Link href="/agreements">Agreements</Link>
                </li>
                <li>
                  <Link href="/commitments">Commitments</Link>
                </li>
                <li>
                  <Link href="/deadlines">Deadlines</Link>
                </li>
                <li>
                  <Link href="/compare">What changed</Link>
                </li>
              </ul>
            </nav>
          </div>
        </header>
        <main id="main" className="container" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="container">
            Accord Tracker follows public commitments between governments. Statuses are assessments based on the linked
            evidence. <a href="/feed.xml">Atom feed of all updates</a> · <a href="/api/v1/openapi.json">JSON API</a> ·{" "}
            <Link href="/staff">Staff area</Link> (sign-in needed)
          </div>
        </footer>
      </body>
    </html>
  );
}
