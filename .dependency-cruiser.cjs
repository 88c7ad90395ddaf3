/**
 * The boundaries of the code, checked by `npm test` (dependency-cruiser): no import cycles, and imports only
 * in the directions the layout allows. See the README's "How it fits together".
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', comment: 'an import cycle ties modules that should stand alone', from: {}, to: { circular: true } },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared/ is the contract both sides use: it imports neither the server nor the client',
      from: { path: '^shared/' },
      to: { path: '^(server|client)/' },
    },
    {
      name: 'client-not-server',
      severity: 'error',
      comment: 'the screen talks to the server over HTTP and the socket only',
      from: { path: '^client/' },
      to: { path: '^server/' },
    },
    { name: 'server-not-client', severity: 'error', from: { path: '^server/' }, to: { path: '^client/' } },
    {
      name: 'map-knows-no-host',
      severity: 'error',
      comment: 'the map is a shared component: the screens that host it pass their parts in as children',
      from: { path: '^client/map/' },
      to: { path: '^client/(desk|wall|consult)/' },
    },
    {
      name: 'screens-are-not-libraries',
      severity: 'error',
      comment: 'what several screens need lives in a domain folder or shared/, not in another screen',
      from: { path: '^client/(?!desk/)', pathNot: '^client/(main|App)\\.tsx$' },
      to: { path: '^client/desk/' },
    },
    {
      name: 'config-is-a-leaf',
      severity: 'error',
      comment: 'configuration is read by everything and reads nothing of the server',
      from: { path: '^server/config\\.ts$' },
      to: { path: '^server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    includeOnly: '^(server|client|shared)/',
  },
};
