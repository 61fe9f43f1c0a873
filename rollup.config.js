// Build: one ESM file per entry point (shared code in chunks) and one rolled-up .d.ts per entry.
import esbuild from 'rollup-plugin-esbuild'
import { dts } from 'rollup-plugin-dts'

/** Public entry points (package.json exports). */
const entries = {
  oneroster: 'src/services/oneroster/index.ts',
  caliper: 'src/services/caliper/index.ts',
  webhooks: 'src/services/webhooks/index.ts',
  errors: 'src/errors.ts',
  edge: 'src/edge/index.ts',
  testing: 'src/testing/index.ts',
}
/** Node-only programs, shipped but not exported as modules. */
const programs = {
  'bin/timeback-emulator': 'src/bin/timeback-emulator.ts',
}
// Runtime dependencies stay external: users' bundlers pick the right build of each for their platform.
const external = (id) => /^(valibot|jose|ofetch)(\/|$)/.test(id) || id.startsWith('node:')

export default [
  {
    input: { ...entries, ...programs },
    external,
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    treeshake: { moduleSideEffects: false },
  },
  {
    input: entries,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
  },
]
