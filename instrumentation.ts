/**
 * Runs once when the Next.js server starts (not during `next build`): opens the database, applies
 * migrations and loads the default dataset if missing, so even a bare `next start` serves live data.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getDb } = await import("./db/client");
    getDb();
  }
}
