import { z } from 'zod';

/**
 * What a username and a new password must look like. Usernames are stored lowercase so that
 * "Alice" and "alice" are one account; login lowercases what was typed before looking it up.
 */
export const usernameSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(3, 'Username must be 3 to 32 characters')
  .max(32, 'Username must be 3 to 32 characters')
  .regex(/^[a-z0-9_.-]+$/, 'Username may contain only letters, digits, "_", "." and "-"');

/** Policy for passwords set by an admin or the CLI (login accepts any text and simply fails). */
export const newPasswordSchema = z
  .string()
  .min(10, 'Password must be at least 10 characters')
  .max(256, 'Password must be at most 256 characters');

/** The login form as posted: lenient lengths so a typo is "incorrect", never a validation lecture. */
export const loginFormSchema = z.object({
  username: z.string().trim().toLowerCase().min(1, 'Enter your username').max(64, 'Incorrect username or password'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Incorrect username or password'),
  next: z.string().max(2048).optional(),
});
