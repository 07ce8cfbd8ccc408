#!/usr/bin/env node
// The published command: the built CLI (in this repository, `pnpm conduct` runs the source).
import '../dist/main.mjs';
