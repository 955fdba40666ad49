// The seeded members' user IDs and their one password (shared by the portal process and the load generator).
export const BENCH_PASSWORD = "Bench-Passw0rd-2026!";
export const userIdOf = (index: number): string => `bench${String(index).padStart(6, "0")}`;
