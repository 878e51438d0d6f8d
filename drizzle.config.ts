import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: ["./db/schema.ts", "./db/schema-import.ts"],
  out: "./drizzle",
  dbCredentials: { url: process.env.DATABASE_URL ?? "./data/accord.sqlite" },
  strict: true,
  verbose: true,
});
