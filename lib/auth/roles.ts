/** Member roles, lowest first: a viewer watches, a trader also places orders, an admin also manages members. */
export const ROLES = ['viewer', 'trader', 'admin'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` grants at least what `minimum` grants (viewer < trader < admin). */
export function roleAtLeast(role: Role, minimum: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(minimum);
}
