/*
 * The Switchboard stock ticker page. It talks to the TickerHub at /ticker through the SignalR JavaScript
 * client API, the global `signalR` from /switchboard/switchboard.min.js, and uses nothing beyond that API.
 *
 * Elements, by id (a contract for the browser tests: keep it stable):
 *   #state          the connection state; data-state is "connecting", "connected", "reconnecting" or
 *                   "disconnected". #reconnect, shown once disconnected for good, starts a new connection.
 *   #error          the last error, hub errors without the server's "... HubException: " prefix; empty when
 *                   there is none. #dismiss-error clears it.
 *   #market-state   "Open" or "Closed", with data-state "open" or "closed" ("" until known).
 *   #open-market, #close-market, #reset-market   the market's buttons, enabled when they apply.
 *   #stocks         a table; each body row is <tr data-symbol="MSFT" data-direction="up|down|">, the
 *                   direction of the stock's last move, with cells .symbol, .price, .open, .low, .high,
 *                   .change (the last move) and .percent (since the opening), prices to two decimals;
 *                   .open, .low and .high (class "wide") are hidden on phones.
 *   #watch-form     #symbol, a symbol; #watch streams it, #unwatch stops the stream.
 *   #watched        shown while a symbol is watched; data-symbol is that symbol ("" for none) and
 *                   data-direction the direction of its last move. #watched-symbol, #watched-price and
 *                   #watched-change show its latest state; #watch-count counts the states streamed;
 *                   #watch-log is an <ol> of the latest prices, newest first, each <li data-price="...">.
 *
 * After an automatic reconnect the page reloads the table and streams the watched symbol again.
 */
(() => {
  "use strict";

  const MAX_LOG = 12;
  const WIDE_ONLY = ["open", "low", "high"]; // columns a phone leaves out
  const $ = (id) => document.getElementById(id);
  const el = {
    state: $("state"),
    reconnect: $("reconnect"),
    error: $("error"),
    errorBar: $("error-bar"),
    dismissError: $("dismiss-error"),
    marketState: $("market-state"),
    openMarket: $("open-market"),
    closeMarket: $("close-market"),
    resetMarket: $("reset-market"),
    stockRows: document.querySelector("#stocks tbody"),
    symbols: $("symbols"),
    watchForm: $("watch-form"),
    symbol: $("symbol"),
    watch: $("watch"),
    unwatch: $("unwatch"),
    watched: $("watched"),
    watchedSymbol: $("watched-symbol"),
    watchedPrice: $("watched-price"),
    watchedChange: $("watched-change"),
    watchCount: $("watch-count"),
    watchLog: $("watch-log"),
  };

  const page = {
    phase: "connecting", // connecting | connected | reconnecting | disconnected
    market: "", // OPEN | CLOSED, "" until known
    watching: null, // the symbol watched, kept across a reconnect
    subscription: null, // the stream of the watched symbol, while it runs
  };

  // ---- Errors -------------------------------------------------------------------------------------

  /** The message of a failure; hub errors lose the server's "An unexpected error ... HubException: ". */
  function describe(err) {
    const text = err && err.message ? String(err.message) : String(err);
    const marker = "HubException: ";
    const at = text.indexOf(marker);
    return at >= 0 ? text.slice(at + marker.length) : text;
  }

  function showError(text) {
    el.error.textContent = text;
    el.errorBar.classList.add("visible");
    el.dismissError.hidden = false;
  }

  function clearError() {
    el.error.textContent = "";
    el.errorBar.classList.remove("visible");
    el.dismissError.hidden = true;
  }

  el.dismissError.addEventListener("click", clearError);

  if (typeof window.signalR === "undefined") {
    el.state.dataset.state = "disconnected";
    el.state.textContent = "Disconnected";
    showError("The client (/switchboard/switchboard.min.js) could not be loaded.");
    return;
  }
  const signalR = window.signalR;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/ticker")
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Information)
    .build();

  // ---- Connection state and controls --------------------------------------------------------------

  const PHASE_LABELS = {
    connecting: "Connecting…",
    connected: "Connected",
    reconnecting: "Reconnecting…",
    disconnected: "Disconnected",
  };

  function setPhase(phase) {
    page.phase = phase;
    el.state.dataset.state = phase;
    el.state.textContent = PHASE_LABELS[phase];
    el.reconnect.hidden = phase !== "disconnected";
    updateControls();
  }

  function setMarket(state) {
    page.market = state;
    el.marketState.dataset.state = state.toLowerCase();
    el.marketState.textContent = state === "OPEN" ? "Open" : "Closed";
    updateControls();
  }

  /** Enables what applies now: everything needs a live connection, and each market button its state. */
  function updateControls() {
    const live = page.phase === "connected";
    el.openMarket.disabled = !live || page.market !== "CLOSED";
    el.closeMarket.disabled = !live || page.market !== "OPEN";
    el.resetMarket.disabled = !live || page.market !== "CLOSED";
    el.symbol.disabled = !live;
    el.watch.disabled = !live;
    el.unwatch.disabled = !live || page.watching === null;
  }

  // ---- The stock table ----------------------------------------------------------------------------

  const money = (value) => Number(value).toFixed(2);
  const signed = (value) => (value > 0 ? "+" : "") + money(value);
  const direction = (change) => (change > 0 ? "up" : change < 0 ? "down" : "");

  function cell(row, name, text) {
    let td = row.querySelector(`.${name}`);
    if (!td) {
      td = document.createElement("td");
      td.className = name === "symbol" ? name : WIDE_ONLY.includes(name) ? `${name} num wide` : `${name} num`;
      row.append(td);
    }
    td.textContent = text;
  }

  /** Shows one stock's state in its row, making the row if needed, and flashes a moved one. */
  function showStock(stock, flash) {
    let row = el.stockRows.querySelector(`tr[data-symbol="${CSS.escape(stock.symbol)}"]`);
    if (!row) {
      row = document.createElement("tr");
      row.dataset.symbol = stock.symbol;
      el.stockRows.append(row);
    }
    cell(row, "symbol", stock.symbol);
    cell(row, "price", money(stock.price));
    cell(row, "open", money(stock.dayOpen));
    cell(row, "low", money(stock.dayLow));
    cell(row, "high", money(stock.dayHigh));
    cell(row, "change", signed(stock.lastChange));
    cell(row, "percent", `${signed(stock.percentChange)} %`);
    row.dataset.direction = direction(stock.lastChange);
    if (flash && row.dataset.direction) {
      row.classList.remove("flash-up", "flash-down");
      void row.offsetWidth; // restarts the animation of a row that moves again while still flashing
      row.classList.add(`flash-${row.dataset.direction}`);
    }
  }

  async function loadMarket() {
    const [stocks, state] = await Promise.all([connection.invoke("getAllStocks"),
      connection.invoke("getMarketState")]);
    el.stockRows.replaceChildren();
    el.symbols.replaceChildren();
    for (const stock of stocks) {
      showStock(stock, false);
      const option = document.createElement("option");
      option.value = stock.symbol;
      el.symbols.append(option);
    }
    setMarket(state);
  }

  connection.on("updateStockPrice", (stock) => showStock(stock, true));
  connection.on("marketOpened", () => setMarket("OPEN"));
  connection.on("marketClosed", () => setMarket("CLOSED"));
  connection.on("marketReset", () => loadMarket().catch((err) => showError(describe(err))));

  async function marketCall(method) {
    clearError();
    try {
      await connection.invoke(method);
    } catch (err) {
      showError(describe(err));
    }
  }

  el.openMarket.addEventListener("click", () => marketCall("openMarket"));
  el.closeMarket.addEventListener("click", () => marketCall("closeMarket"));
  el.resetMarket.addEventListener("click", () => marketCall("reset"));

  // ---- The watched symbol -------------------------------------------------------------------------

  function showWatched(stock) {
    el.watched.dataset.direction = direction(stock.lastChange);
    el.watchedSymbol.textContent = stock.symbol;
    el.watchedPrice.textContent = money(stock.price);
    el.watchedChange.textContent = `${signed(stock.lastChange)} (${signed(stock.percentChange)} % today)`;
    el.watchCount.textContent = String(Number(el.watchCount.textContent) + 1);
    const item = document.createElement("li");
    item.dataset.price = money(stock.price);
    item.className = direction(stock.lastChange);
    item.textContent = money(stock.price);
    el.watchLog.prepend(item);
    while (el.watchLog.children.length > MAX_LOG) {
      el.watchLog.lastElementChild.remove();
    }
  }

  /** Streams `symbol`, replacing the stream of any other. */
  function watch(symbol) {
    stopStream();
    page.watching = symbol;
    el.watched.dataset.symbol = symbol;
    el.watched.hidden = false;
    el.watchCount.textContent = "0";
    el.watchLog.replaceChildren();
    el.watchedSymbol.textContent = symbol;
    el.watchedPrice.textContent = "";
    el.watchedChange.textContent = "";
    resumeStream();
  }

  function resumeStream() {
    const subscription = connection.stream("streamStock", page.watching).subscribe({
      next: showWatched,
      complete: () => {},
      error: (err) => {
        if (page.subscription !== subscription) {
          return;
        }
        page.subscription = null;
        // A lost connection ends the stream too: it is streamed again once reconnected.
        if (connection.state === signalR.HubConnectionState.Connected) {
          showError(describe(err));
          unwatch();
        }
      },
    });
    page.subscription = subscription;
  }

  function stopStream() {
    const subscription = page.subscription;
    page.subscription = null;
    if (subscription) {
      subscription.dispose();
    }
  }

  function unwatch() {
    stopStream();
    page.watching = null;
    el.watched.dataset.symbol = "";
    el.watched.hidden = true;
    updateControls();
  }

  el.watchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    const symbol = el.symbol.value.trim().toUpperCase();
    if (!symbol) {
      showError("Type a symbol to watch, such as MSFT.");
      return;
    }
    clearError();
    watch(symbol);
    updateControls();
  });
  el.unwatch.addEventListener("click", unwatch);

  // ---- Starting and reconnecting ------------------------------------------------------------------

  connection.onreconnecting(() => {
    page.subscription = null;
    setPhase("reconnecting");
  });
  connection.onreconnected(async () => {
    setPhase("connected");
    try {
      await loadMarket();
      if (page.watching !== null) {
        resumeStream();
      }
    } catch (err) {
      showError(describe(err));
    }
  });
  connection.onclose((err) => {
    page.subscription = null;
    setPhase("disconnected");
    if (err) {
      showError(`The connection was lost: ${describe(err)}`);
    }
  });

  async function start() {
    setPhase("connecting");
    try {
      await connection.start();
      setPhase("connected");
      await loadMarket();
      if (page.watching !== null) {
        resumeStream();
      }
    } catch (err) {
      setPhase("disconnected");
      showError(`Could not connect to the ticker: ${describe(err)}`);
    }
  }

  el.reconnect.addEventListener("click", () => {
    clearError();
    start();
  });
  window.addEventListener("pagehide", () => connection.stop());

  start();
})();
