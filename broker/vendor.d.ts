// aedes-persistence-redis ships no type declarations.
declare module 'aedes-persistence-redis' {
  const factory: (opts?: unknown) => unknown;
  export default factory;
}
