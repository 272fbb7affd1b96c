// Preloaded by the SIE benchmark (node --require): writes the process's peak RSS in KiB to
// the file named by AVSTAMNING_MAXRSS when it exits.
'use strict';
const file = process.env.AVSTAMNING_MAXRSS;
if (file) process.on('exit', () => require('node:fs').writeFileSync(file, String(process.resourceUsage().maxRSS)));
