// GET latencies of one page at ~20 requests per second, from a process of its own: the guessing storm's
// load generator runs niced in the bench process, so neither its CPU nor its event loop is counted in the
// portal's answer time. Started with the URL as its argument; the message "stop" ends it, and it answers
// with the latencies (ms) it measured.
export {}; // a module, for the top-level await

const url = process.argv[2];
if (!url) throw new Error("latency-probe: the URL to probe is missing");

let running = true;
const latencies: number[] = [];
process.on("message", (message) => {
  if (message === "stop") running = false;
});
process.send?.("ready");
while (running) {
  const start = performance.now();
  const response = await fetch(url);
  await response.text();
  latencies.push(performance.now() - start);
  await new Promise((resolve) => setTimeout(resolve, 50));
}
process.send?.(latencies, () => process.exit(0));
