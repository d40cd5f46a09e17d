import { email } from "~/utils/form-fields.ts";
import * as z from "~/utils/zod-mini.ts";

export const LoginSchema = z.object({
  email: email(),
  password: z.string({ error: "Enter your password" }).check(z.minLength(1, "Enter your password"), z.maxLength(200)),
  redirectTo: z.optional(z.string()),
});

export const SetPasswordSchema = z
  .object({
    password: z
      .string({ error: "Choose a password" })
      .check(z.minLength(10, "Use at least 10 characters"), z.maxLength(200, "Use at most 200 characters")),
    confirmPassword: z.string({ error: "Type the password again" }).check(z.minLength(1, "Type the password again")),
  })
  .check(
    z.refine((v) => v.password === v.confirmPassword, {
      path: ["confirmPassword"],
      message: "The two passwords differ",
    }),
  );

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "Enter your current password" })
      .check(z.minLength(1, "Enter your current password"), z.maxLength(200)),
    newPassword: z
      .string({ error: "Choose a new password" })
      .check(z.minLength(10, "Use at least 10 characters"), z.maxLength(200, "Use at most 200 characters")),
    confirmPassword: z
      .string({ error: "Type the new password again" })
      .check(z.minLength(1, "Type the new password again")),
  })
  .check(
    z.refine((v) => v.newPassword === v.confirmPassword, {
      path: ["confirmPassword"],
      message: "The two new passwords differ",
    }),
    z.refine((v) => v.newPassword !== v.currentPassword, {
      path: ["newPassword"],
      message: "Choose a password you haven't used here",
    }),
  );

/** "Email me a sign-in link" (/login/link). */
export const SignInLinkRequestSchema = z.object({ email: email() });
