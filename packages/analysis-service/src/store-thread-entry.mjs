// Entry of the thread that analyzes and stores a run for the web process (store-thread.ts).
// Onset's packages are TypeScript source: a worker thread does not inherit the parent's
// loader, so tsx is registered here before the message handler is loaded.
import { register } from "tsx/esm/api";

register();
await import("./store-thread-body.ts");
