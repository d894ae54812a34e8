#!/usr/bin/env node
// The `crm` command. The TypeScript sources are built by `npm install` (prepare) or `npm run build`.
require('../build/node/cli.js');
