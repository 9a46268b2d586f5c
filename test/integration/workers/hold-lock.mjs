// Child process for the lock test: takes the ecosystem write lock and holds it until killed.
import Database from 'better-sqlite3';

const db = new Database(process.argv[2]);
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\n');
setInterval(() => {}, 1000);
