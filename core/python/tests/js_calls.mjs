// Runs calls on the JS API's core module (build/web/site/api/vramfit-core.mjs) and prints each call's raw JSON text,
// for the Python tests' byte-for-byte comparison. stdin: [[jsName, ...args], ...]; an argument {"bytes": [...]}
// is passed as a Uint8Array (also inside an array). argv[2]: the path of vramfit-core.mjs.
import { pathToFileURL } from "node:url";

const createVramfitCore = (await import(pathToFileURL(process.argv[2]).href)).default;
const core = await createVramfitCore();
let input = "";
for await (const chunk of process.stdin) input += chunk;
const value = (a) => (a !== null && typeof a === "object" && Array.isArray(a.bytes) ? Uint8Array.from(a.bytes)
  : Array.isArray(a) ? a.map(value) : a);
const out = JSON.parse(input).map(([name, ...args]) => core[name](...args.map(value)));
process.stdout.write(JSON.stringify(out));
