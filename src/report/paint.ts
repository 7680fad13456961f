// Colour only on a terminal; plain text everywhere else.
export interface Paint {
  red(s: string): string;
  yellow(s: string): string;
  green(s: string): string;
  bold(s: string): string;
  dim(s: string): string;
}

const id = (s: string) => s;
export const plain: Paint = { red: id, yellow: id, green: id, bold: id, dim: id };

export async function paintFor(stream: { isTTY?: boolean }): Promise<Paint> {
  if (!stream.isTTY || process.env.NO_COLOR) return plain;
  const { default: chalk } = await import("chalk");
  return { red: chalk.red, yellow: chalk.yellow, green: chalk.green, bold: chalk.bold, dim: chalk.dim };
}
