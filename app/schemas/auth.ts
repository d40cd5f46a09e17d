import { z } from "zod";
import { email } from "~/utils/form-fields.ts";

export const LoginSchema = z.object({
  email: email(),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(200),
  redirectTo: z.string().optional(),
});

export const SetPasswordSchema = z
  .object({
    password: z
      .string({ error: "Choose a password" })
      .min(10, "Use at least 10 characters")
      .max(200, "Use at most 200 characters"),
    confirmPassword: z.string({ error: "Type the password again" }).min(1, "Type the password again"),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ["confirmPassword"], message: "The two passwords differ" });

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(200),
    newPassword: z
      .string({ error: "Choose a new password" })
      .min(10, "Use at least 10 characters")
      .max(200, "Use at most 200 characters"),
    confirmPassword: z.string({ error: "Type the new password again" }).min(1, "Type the new password again"),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The two new passwords differ" })
  .refine((v) => v.newPassword !== v.currentPassword, { path: ["newPassword"], message: "Choose a password you haven't used here" });
