// The ticker contract with the official client: node ticker-contract.mjs URL
// The server's market must start closed and tick quickly. Exits 0 when every check passes.
import assert from "node:assert/strict";
import signalR from "@microsoft/signalr";

const [url] = process.argv.slice(2);
const TIMEOUT_MS = 10_000;
const SYMBOLS = ["AAPL", "AMZN", "GOOG", "MSFT", "NVDA"];

function client() {
  return new signalR.HubConnectionBuilder().withUrl(url).configureLogging(signalR.LogLevel.None).build();
}

/** Resolves with the first value `accept` takes, or rejects once TIMEOUT_MS have passed. */
function waitFor(what, register) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${what} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
    register((value) => { clearTimeout(timer); resolve(value); });
  });
}

/** Every call of a client method, awaited one at a time. */
function inbox(connection, method) {
  const received = [];
  const waiting = [];
  connection.on(method, (...args) => {
    const value = args[0];
    waiting.length ? waiting.shift()(value) : received.push(value);
  });
  return {
    next() {
      if (received.length) return Promise.resolve(received.shift());
      return waitFor(method, (resolve) => waiting.push(resolve));
    },
  };
}

const ada = client();
const bob = client();
const adaUpdates = inbox(ada, "updateStockPrice");
const bobUpdates = inbox(bob, "updateStockPrice");
const signals = Object.fromEntries(["marketOpened", "marketClosed", "marketReset"]
  .map((name) => [name, inbox(bob, name)]));
await ada.start();
await bob.start();

const opening = await ada.invoke("getAllStocks");
assert.deepEqual(opening.map((stock) => stock.symbol), SYMBOLS);
for (const stock of opening) {
  assert.equal(stock.price, stock.dayOpen);
  assert.equal(stock.lastChange, 0);
}
assert.equal(await ada.invoke("getMarketState"), "CLOSED");

await ada.invoke("openMarket");
await signals.marketOpened.next();
for (const updates of [adaUpdates, bobUpdates]) {
  const stock = await updates.next();
  assert.ok(SYMBOLS.includes(stock.symbol), `a known symbol: ${stock.symbol}`);
  assert.notEqual(stock.lastChange, 0, "a move changes the price");
  assert.ok(stock.dayLow <= stock.price && stock.price <= stock.dayHigh, "the price within the day's range");
}

// One symbol's stream: its current state, then its moves, until disposed.
const items = [];
let notify = null;
const watching = ada.stream("streamStock", "msft").subscribe({
  next: (stock) => { items.push(stock); if (notify) notify(); },
  error: (err) => assert.fail(`the stream failed: ${err}`),
  complete: () => assert.fail("the stream completed by itself"),
});
while (items.length < 3) {
  await waitFor("an MSFT state", (resolve) => { notify = resolve; });
}
assert.ok(items.every((stock) => stock.symbol === "MSFT"));
watching.dispose();

const refused = await waitFor("the refusal of an unknown symbol", (resolve) => {
  ada.stream("streamStock", "XYZ").subscribe({ next: () => {}, complete: () => resolve(null), error: resolve });
});
assert.match(String(refused && refused.message), /Unknown stock symbol 'XYZ': the symbols are AAPL, AMZN/);

await assert.rejects(bob.invoke("reset"), /Market must be closed before it can be reset\./);
await bob.invoke("closeMarket");
await signals.marketClosed.next();
await bob.invoke("reset");
await signals.marketReset.next();
assert.deepEqual(await ada.invoke("getAllStocks"), opening);

await ada.stop();
await bob.stop();
console.log(`ticker contract passed with ${items.length} MSFT states streamed`);
