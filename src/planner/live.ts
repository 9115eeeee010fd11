/**
 * Connections `plan` and `check` open to the target: one reads the live catalog (one transaction)
 * while the others create the shadow databases a plan will need (two at most, at once).
 */
export const TARGET_CONNECTIONS = 3;
