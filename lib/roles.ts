/** The signed-in roles of DESIGN.md ("Who may do what"). Viewers are not users: they never sign in. */
export const USER_ROLES = ["editor", "admin"] as const;

export type UserRole = (typeof USER_ROLES)[number];
