// What a package named in package.json's "notShipped" is replaced with in
// the bundle (vite.config.ts): nothing. Those packages only add to the
// page what its engines already have, and the licence list leaves them out.
export {}
