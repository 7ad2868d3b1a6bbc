// esbuild.config.mjs resolves `inline-worker:NAME` to the text of the built worker bundle.
declare module 'inline-worker:*' {
  const source: string;
  export default source;
}
