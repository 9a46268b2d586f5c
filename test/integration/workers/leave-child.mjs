// A validation command that starts a grandchild, writes its pid to the file named by argv[2], and exits at
// once. With argv[3] "holds-output" the grandchild keeps the command's stdout open (so the pipeline waits
// for it until the deadline); otherwise it runs in the background with no output. Neither may outlive the check.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

const holds = process.argv[3] === 'holds-output';
const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: holds ? 'inherit' : 'ignore' });
fs.writeFileSync(process.argv[2] ?? 'grandchild.pid', String(child.pid));
child.unref();
