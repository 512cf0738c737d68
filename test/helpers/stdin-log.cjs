// A preload for tests (`node --require`): says on stderr when the process makes `process.stdin`, which Node creates when first read.
const made = Object.getOwnPropertyDescriptor(process, "stdin");
Object.defineProperty(process, "stdin", {
  configurable: true,
  enumerable: made.enumerable,
  get() {
    process.stderr.write("stdin made\n");
    return made.get.call(process);
  },
});
