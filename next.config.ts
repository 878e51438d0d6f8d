import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // better-sqlite3 is a native addon: load it from node_modules at run time, never bundle it.
  serverExternalPackages: ["better-sqlite3"],
  poweredByHeader: false,
  reactStrictMode: true,
  // Lint and typecheck run as their own scripts (npm run lint / typecheck), not inside the build.
  typescript: { ignoreBuildErrors: false },
  async redirects() {
    // Every agreement is listed on the home page (until a list page of its own exists).
    return [{ source: "/agreements", destination: "/", permanent: false }];
  },
};

export default nextConfig;
