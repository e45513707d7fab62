// bench/chrono.js FILE.jsonl - the comparison run of "make bench-chrono":
// every article of a JSON Lines file through chrono-node, with its
// publication date as the reference; prints articles, bytes, results,
// seconds and MB/s, as bench/run.sh does for dtl.
const fs = require('fs');
const readline = require('readline');
const chrono = require('chrono-node');

const rl = readline.createInterface({ input: fs.createReadStream(process.argv[2]) });
let n = 0, bytes = 0, found = 0;
const t0 = process.hrtime.bigint();
rl.on('line', (line) => {
  const a = JSON.parse(line);
  bytes += Buffer.byteLength(line);
  found += chrono.parse(a.text || '', new Date(a.date + 'T12:00:00Z')).length;
  n++;
});
rl.on('close', () => {
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`chrono-node: ${n} articles, ${bytes} bytes, ${found} time ` +
              `expressions, ${s.toFixed(2)} s, ${(bytes / s / 1e6).toFixed(2)} MB/s`);
});
