/** Input of the admin's user management verbs (issue 3). */
import { z } from "zod";

import { ZPassword } from "../passwords";
import { USER_ROLES } from "../roles";
import { zId, zText } from "./fields";

const ZEmail = z
  .string({ error: "The email is required" })
  .trim()
  .toLowerCase()
  .min(1, { message: "The email is required" })
  .max(320, { message: "At most 320 characters" })
  .pipe(z.email({ error: "Enter an email address such as name@example.org" }));

const ZRole = z.enum(USER_ROLES, { error: "Choose editor or admin" });

export const ZCreateUser = z.object({
  email: ZEmail,
  name: zText(120),
  role: ZRole,
  password: ZPassword,
});
export type TCreateUser = z.infer<typeof ZCreateUser>;

export const ZSetRole = z.object({ userId: zId("user"), role: ZRole });
export const ZUserRef = z.object({ userId: zId("user") });
export const ZResetPassword = z.object({ userId: zId("user"), password: ZPassword });
