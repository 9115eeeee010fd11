/**
 * Connections that read the live catalog at once, sharing one exported snapshot (a consistent view,
 * also through PgBouncer in transaction mode: each reader is one transaction).
 */
export const LIVE_READERS = 3;
