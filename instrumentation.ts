/**
 * Runs once when the Next.js server starts (not during `next build`). The Node.js part lives in its
 * own module, so the edge build never sees Node APIs (the pattern of the Next.js instrumentation guide).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
