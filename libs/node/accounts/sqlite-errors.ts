/** True when an INSERT failed because a row with that primary key exists (another process added it first). */
export function isPrimaryKeyClash(error: unknown): boolean {
  return error instanceof Error && (error as { code?: unknown }).code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
