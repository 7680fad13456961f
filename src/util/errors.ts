// A user's mistake that stops a command: a message id and its data, worded
// by the catalogue; the CLI prints it in one sentence and exits 2.
export class UserError extends Error {
  constructor(
    readonly messageId: string,
    readonly data: Record<string, string | number> = {},
  ) {
    super(messageId);
    this.name = "UserError";
  }
}
