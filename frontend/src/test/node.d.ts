// The few Node APIs that specs use to read source files as text (Vitest hands `*.css?raw` over
// empty). The project has no @types/node; these are the only calls made.
declare module 'node:fs' {
  export function readFileSync(path: string, encoding: 'utf8'): string
  export function readdirSync(path: string, options: { recursive: true }): string[]
}
declare module 'node:path' {
  export function join(...parts: string[]): string
}
declare const process: { cwd(): string }
