/** An error a user can cause or fix. It carries a message key and parameters; the API layer turns it
 *  into a sentence in the caller's language. Anything else thrown is a bug. */
export class UserError extends Error {
  constructor(
    readonly code: string,
    readonly key: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(`${key} ${JSON.stringify(params)}`);
    this.name = 'UserError';
  }
}

export class ValidationError extends UserError {
  constructor(table: string, row: number, column: string, reason: { key: string; params?: Record<string, string | number> }) {
    super('invalid', 'error.validation', { table, row, column, reasonKey: reason.key, ...(reason.params ?? {}) });
  }
}
