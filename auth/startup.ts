/**
 * What the server does about sign-in before it serves: check the configuration, make sure the auth
 * secret exists, and create the first admin when there are no users (printing a generated password
 * once; only its hash is stored).
 */
import type { Db } from "../db/client";
import { countUsers, createInitialAdmin } from "../db/users";
import { generatePassword, hashPassword } from "../lib/passwords";
import { adminSetting, resolveAuthSecret } from "./config-check";

/**
 * @returns the auth secret to run with.
 * @throws ConfigError when the configuration is weak or inconsistent.
 */
export async function prepareAuth(
  db: Db,
  databaseFile: string,
  env: Record<string, string | undefined> = process.env,
): Promise<string> {
  const secret = resolveAuthSecret(env, databaseFile);
  const setting = adminSetting(env);
  if (countUsers(db) === 0) {
    const password = setting.password ?? generatePassword();
    const created = createInitialAdmin(db, setting.email, await hashPassword(password));
    if (created) {
      if (setting.password) {
        console.log(`Created the first admin, ${created}, with the password from ADMIN_PASSWORD.`);
      } else {
        console.log(
          [
            "",
            "  First start: an admin account was created. Sign in at /signin with",
            `    email:    ${created}`,
            `    password: ${password}`,
            "  This password is shown only now and is not stored in clear. Set your own after signing in: Admin → Users → Reset password.",
            "",
          ].join("\n"),
        );
      }
    }
  }
  return secret;
}
