// maximumParallelInvocationsPerClient with the official client over WebSockets, against a server hosting ParallelHub
// at /parallel with the limit 4 and at /serial with the default 1: node parallel.mjs BASE_URL. Prints one line per
// check and exits 0 when every check passes.
import assert from "node:assert/strict";
import signalR from "@microsoft/signalr";

const [base] = process.argv.slice(2);
const TIMEOUT_MS = 20_000;

function within(what, promise) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function connect(path) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(base + path, { transport: signalR.HttpTransportType.WebSockets })
    .configureLogging(signalR.LogLevel.None)
    .build();
  await within("start", connection.start());
  return connection;
}

const parallel = await connect("/parallel");
const serial = await connect("/serial");
try {
  // Each blocks its hub thread until all four are inside: they can only return if they ran together.
  const met = [1, 2, 3, 4].map(() => parallel.invoke("meet", 4));
  assert.deepEqual(await within("four calls to meet", Promise.all(met)), [4, 4, 4, 4]);
  console.log("four blocking calls ran at once");

  const finished = [];
  const a = parallel.invoke("hold", "A").then((value) => finished.push(value));
  const b = parallel.invoke("hold", "B").then((value) => finished.push(value));
  await within("release of B", parallel.invoke("release", "B"));
  await within("B", b);
  await within("release of A", parallel.invoke("release", "A"));
  await within("A", a);
  assert.deepEqual(finished, ["B", "A"]);
  console.log("results arrived in the order the calls finished");

  // With one place, the upload's first item is what lets the first call return; the client sends it after the
  // cancel of the stream queued behind that call, so the stream's turn comes once it is cancelled.
  const go = new signalR.Subject();
  const held = serial.invoke("holdUntilItem", go);
  const items = [];
  const subscription = serial.stream("watchedStream").subscribe({ next: (item) => items.push(item),
    complete: () => {}, error: () => {} });
  subscription.dispose();
  await new Promise((resolve) => setImmediate(resolve));
  go.next("go");
  go.complete();
  assert.equal(await within("the held call", held), "go");
  assert.equal(await within("a later stream", new Promise((resolve, reject) => {
    const later = serial.stream("watchedStream").subscribe({
      next: (item) => {
        later.dispose();
        resolve(item);
      },
      complete: () => {},
      error: reject,
    });
  })), 0);
  assert.deepEqual(items, []);
  console.log("a stream cancelled before its turn sent nothing");
} finally {
  await Promise.all([parallel.stop(), serial.stop()]);
}
