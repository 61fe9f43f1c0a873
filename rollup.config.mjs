// Build: one ESM file per source module (rollup `preserveModules`), so a consumer's bundler keeps only the
// modules a program reaches, and one rolled-up .d.ts per entry point. The entries are not listed here: they
// are package.json `exports` (and `bin`), read by tools/entries.mjs; tools/check-exports.mjs keeps the map,
// these inputs and the src/services/* folders in agreement.
import esbuild from 'rollup-plugin-esbuild'
import { dts } from 'rollup-plugin-dts'
import { programs, rollupInputs } from './tools/entries.mjs'

const entries = rollupInputs()
// Runtime dependencies stay external: users' bundlers pick the right build of each for their platform.
const external = (id) => /^(valibot|jose|ofetch)(\/|$)/.test(id) || id.startsWith('node:')

export default [
  {
    input: { ...entries, ...programs() },
    external,
    plugins: [esbuild({ target: 'es2022', tsconfig: 'tsconfig.json' })],
    // Entry modules are written as dist/<entry>.js (the input names); every other module keeps its path under
    // src/, e.g. dist/core/errors.js. Each is small and imports only what it uses.
    output: { dir: 'dist', format: 'es', preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
    treeshake: { moduleSideEffects: false },
  },
  {
    input: entries,
    external,
    plugins: [dts({ tsconfig: 'tsconfig.json' })],
    output: { dir: 'dist', format: 'es', entryFileNames: '[name].d.ts', chunkFileNames: 'chunks/[name]-[hash].d.ts' },
  },
]
