/**
 * What reaches an officer's terminal comes partly from other agencies (a notice's text, a
 * quarantined submission's paths): ESC[2J would clear the screen, OSC 52 write the
 * clipboard, OSC 8 hide a link, U+202E reverse what follows. Every character that controls
 * a terminal or the direction of text is shown escaped and visible (`\u001b`, `\u202e`),
 * never raw, in every line the CLI writes. In JSON output the escape is JSON's own, so
 * the document stays valid.
 */
// oxlint-disable-next-line eslint/no-control-regex -- control characters are what this escapes
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

const escapeOne = (c: string): string => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`;

/** Tab and newline kept, every other control or direction character escaped. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROLS, escapeOne);
}

/** Newlines and tabs escaped too: a value shown on one line of a view stays on it. */
export function oneLine(text: string): string {
  return terminalSafe(text).replace(/\n/g, '\\n').replace(/\t/g, '\\t');
}

type Write = typeof process.stdout.write;

let rawStdout: Write | undefined;

/** The CLI's own terminal control (`status --watch` clearing the screen), written raw. */
export function writeTerminalControl(sequence: string): void {
  (rawStdout ?? process.stdout.write.bind(process.stdout))(sequence);
}

/**
 * Guards process.stdout and process.stderr for the life of the CLI. A stream whose reader
 * went away (`accord stack up --foreground | tee log`, then Ctrl-C: tee exits first) fails
 * its writes with EPIPE; from then on what is written to it is dropped, so that what the
 * CLI is doing (stopping every process of a stack) goes on to the end.
 */
export function installOutputGuard(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    if (stream === process.stdout) rawStdout = write as Write;
    let gone = false;
    stream.on('error', () => {
      gone = true;
    });
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      if (gone) return true;
      return write(typeof chunk === 'string' ? terminalSafe(chunk) : chunk, ...rest);
    }) as Write;
  }
}
