// DuckDB-wasm's own worker script (URL in ?worker=), loaded unchanged, plus a way for the bench
// page to ask for the size of its WebAssembly.Memory (the page cannot see a worker's memory).
// DuckDB creates its memory itself (`new WebAssembly.Memory`) and grows it; it never shrinks, so
// its byteLength after a query is the peak of that worker's wasm memory.
'use strict';
const memories = [];
const OrigMemory = WebAssembly.Memory;
WebAssembly.Memory = function Memory(descriptor) {
  const m = new OrigMemory(descriptor);
  memories.push(m);
  return m;
};
WebAssembly.Memory.prototype = OrigMemory.prototype;
const keepExported = (result) => {
  const instance = result && (result.instance || result);
  if (instance && instance.exports) {
    for (const v of Object.values(instance.exports)) if (v instanceof OrigMemory && !memories.includes(v)) memories.push(v);
  }
  return result;
};
const origInstantiate = WebAssembly.instantiate;
WebAssembly.instantiate = function (...args) { return origInstantiate.apply(this, args).then(keepExported); };
if (WebAssembly.instantiateStreaming) {
  const origStreaming = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = function (...args) { return origStreaming.apply(this, args).then(keepExported); };
}

importScripts(new URL(self.location.href).searchParams.get('worker'));

// DuckDB's worker answers every message; a {fpBenchMemory: MessagePort} message is ours.
const duckdbOnMessage = self.onmessage;
self.onmessage = (e) => {
  if (e.data && e.data.fpBenchMemory) {
    e.data.fpBenchMemory.postMessage(memories.reduce((sum, m) => sum + m.buffer.byteLength, 0));
    return undefined;
  }
  return duckdbOnMessage.call(self, e);
};
