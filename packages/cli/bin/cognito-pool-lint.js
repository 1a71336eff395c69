#!/usr/bin/env node
// The command: the bundle is built into dist/ (npm run build at the repository's root), and this file exists
// before it does, so npm links the command in a fresh clone's install too.
'use strict';
require('../dist/cli.js').run();
