import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <div className="error-page">
      <h1>Page not found</h1>
      <p>There is no agreement, commitment or page at this address. It may have been moved or removed.</p>
      <p>
        <Link href="/">See all agreements</Link>
      </p>
    </div>
  );
}
