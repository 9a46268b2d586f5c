// A validation command that starts a grandchild, writes its pid to the file named by argv[2], and hangs:
// a timed-out check must kill both.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
fs.writeFileSync(process.argv[2] ?? 'grandchild.pid', String(child.pid));
setTimeout(() => {}, 60000);
