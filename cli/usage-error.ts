/** A command line that cannot be understood: the CLI prints the message and the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
