#!/usr/bin/env node
// The `timeback` CLI (skeleton: being built).
console.error('timeback: not built yet')
process.exitCode = 2
