// Entry of the analysis worker thread. Onset's packages are TypeScript source: a
// worker thread does not inherit the parent's loader, so tsx is registered here before
// the message handler (worker-body.ts) is loaded.
import { register } from "tsx/esm/api";

register();
await import("./worker-body.ts");
