#!/usr/bin/env node
// A committed entry point, so npm links the command even before the first build.
import "../dist/cli.js";
