// JASSUB's debug overlay imports the CommonJS package throughput, which
// the bench page never shows (debug: false) and Vite's dev server cannot
// serve as it is: this stands in for it.
export default function throughput(): () => number {
  return () => 0
}
