// LangChain JS estimates the token counts of a streamed `invoke` with a tokenizer it
// downloads from tiktoken.pages.dev (through a retrying caller). CI has no internet, so
// the same ranks are served from the js-tiktoken package LangChain itself depends on;
// every other request goes out unchanged. Nothing Onset receives depends on it.
const path = require("node:path");

const coreDir = path.dirname(require.resolve("@langchain/core/package.json"));
const TOKENIZER_URL = /^https:\/\/tiktoken\.pages\.dev\/js\/(\w+)\.json$/;
const realFetch = globalThis.fetch;

globalThis.fetch = async (url, init) => {
  const m = TOKENIZER_URL.exec(String(url));
  if (m === null) return realFetch(url, init);
  const ranks = require(require.resolve(`js-tiktoken/ranks/${m[1]}`, { paths: [coreDir] }));
  return new Response(JSON.stringify(ranks.default ?? ranks), { status: 200, headers: { "content-type": "application/json" } });
};
