/* Switchboard hub client 0.1.0 | MIT */
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/index.js
var index_exports = {};
__export(index_exports, {
  AbortError: () => AbortError,
  AggregateErrors: () => AggregateErrors,
  DefaultHttpClient: () => DefaultHttpClient,
  DefaultReconnectPolicy: () => DefaultReconnectPolicy,
  DisabledTransportError: () => DisabledTransportError,
  FailedToNegotiateWithServerError: () => FailedToNegotiateWithServerError,
  FailedToStartTransportError: () => FailedToStartTransportError,
  HttpClient: () => HttpClient,
  HttpError: () => HttpError,
  HttpResponse: () => HttpResponse,
  HttpTransportType: () => HttpTransportType,
  HubConnection: () => HubConnection,
  HubConnectionBuilder: () => HubConnectionBuilder,
  HubConnectionState: () => HubConnectionState,
  JsonHubProtocol: () => JsonHubProtocol,
  LogLevel: () => LogLevel,
  MessageType: () => MessageType,
  NullLogger: () => NullLogger,
  Subject: () => Subject,
  TimeoutError: () => TimeoutError,
  TransferFormat: () => TransferFormat,
  UnsupportedTransportError: () => UnsupportedTransportError,
  VERSION: () => VERSION
});
module.exports = __toCommonJS(index_exports);

// src/errors.js
var NOT_CONNECTED = "Cannot send data if the connection is not in the 'Connected' State.";
var failure = (message) => new Error(message);
var notConnected = () => Promise.reject(failure(NOT_CONNECTED));
var errorClass = (name, errorType, field, defaultMessage) => ({
  [name]: class extends Error {
    constructor(message = defaultMessage, value) {
      super(message);
      if (field) {
        this[field] = value;
      }
      if (errorType) {
        this.errorType = name;
      }
    }
  }
})[name];
var transportError = (name) => errorClass(name, true, "transport");
var HttpError = class extends Error {
  constructor(errorMessage, statusCode) {
    super(`${errorMessage}: Status code '${statusCode}'`);
    this.statusCode = statusCode;
  }
};
var TimeoutError = /* @__PURE__ */ errorClass("TimeoutError", false, "", "A timeout occurred.");
var AbortError = /* @__PURE__ */ errorClass("AbortError", false, "", "An abort occurred.");
var UnsupportedTransportError = /* @__PURE__ */ transportError("UnsupportedTransportError");
var DisabledTransportError = /* @__PURE__ */ transportError("DisabledTransportError");
var FailedToStartTransportError = /* @__PURE__ */ transportError("FailedToStartTransportError");
var FailedToNegotiateWithServerError = /* @__PURE__ */ errorClass("FailedToNegotiateWithServerError", true);
var AggregateErrors = /* @__PURE__ */ errorClass("AggregateErrors", false, "innerErrors");

// src/enums.js
var freeze = Object.freeze;
var INVOCATION = 1;
var STREAM_ITEM = 2;
var COMPLETION = 3;
var STREAM_INVOCATION = 4;
var CANCEL_INVOCATION = 5;
var PING = 6;
var CLOSE = 7;
var ACK = 8;
var SEQUENCE = 9;
var TEXT = 1;
var BINARY = 2;
var MessageType = /* @__PURE__ */ freeze({
  Invocation: INVOCATION,
  StreamItem: STREAM_ITEM,
  Completion: COMPLETION,
  StreamInvocation: STREAM_INVOCATION,
  CancelInvocation: CANCEL_INVOCATION,
  Ping: PING,
  Close: CLOSE,
  Ack: ACK,
  Sequence: SEQUENCE
});
var TransferFormat = /* @__PURE__ */ freeze({ Text: TEXT, Binary: BINARY });
var TRACE = 0;
var DEBUG = 1;
var INFORMATION = 2;
var WARNING = 3;
var ERROR = 4;
var NONE = 6;
var LogLevel = /* @__PURE__ */ freeze({
  Trace: TRACE,
  Debug: DEBUG,
  Information: INFORMATION,
  Warning: WARNING,
  Error: ERROR,
  Critical: 5,
  None: NONE
});
var HttpTransportType = /* @__PURE__ */ freeze({
  None: 0,
  WebSockets: 1,
  ServerSentEvents: 2,
  LongPolling: 4
});
var WEB_SOCKETS = 1;
var SERVER_SENT_EVENTS = 2;
var LONG_POLLING = 4;
var DISCONNECTED = "Disconnected";
var CONNECTING = "Connecting";
var CONNECTED = "Connected";
var DISCONNECTING = "Disconnecting";
var RECONNECTING = "Reconnecting";
var HubConnectionState = /* @__PURE__ */ freeze({
  Disconnected: DISCONNECTED,
  Connecting: CONNECTING,
  Connected: CONNECTED,
  Disconnecting: DISCONNECTING,
  Reconnecting: RECONNECTING
});

// src/util.js
var ignore = () => {
};
var resolved = () => Promise.resolve();
var isString = (value) => typeof value === "string";

// src/logging.js
var LEVEL_NAMES = {
  trace: 0,
  debug: 1,
  info: 2,
  information: 2,
  warn: 3,
  warning: 3,
  error: 4,
  critical: 5,
  none: 6
};
var NullLogger = class _NullLogger {
  static instance = new _NullLogger();
  log() {
  }
};
var ConsoleLogger = class {
  constructor(minimumLevel) {
    this._minimumLevel = minimumLevel;
  }
  log(level, message) {
    if (level < this._minimumLevel || level === NONE) {
      return;
    }
    const line = `[${(/* @__PURE__ */ new Date()).toISOString()}] ${Object.keys(LogLevel)[level]}: ${message}`;
    const write = level >= ERROR ? console.error : level === WARNING ? console.warn : level === INFORMATION ? console.info : console.log;
    write(line);
  }
};
function createLogger(logging) {
  if (logging === void 0) {
    return new ConsoleLogger(INFORMATION);
  }
  if (logging === null) {
    return NullLogger.instance;
  }
  if (typeof logging.log === "function") {
    return logging;
  }
  const level = isString(logging) ? LEVEL_NAMES[logging.toLowerCase()] : logging;
  if (!Object.values(LogLevel).includes(level)) {
    throw failure(`Unknown log level: ${logging}`);
  }
  return new ConsoleLogger(level);
}

// src/protocol.js
var RECORD_SEPARATOR = "";
var frame = (message) => JSON.stringify(message) + RECORD_SEPARATOR;
var fail = (message) => {
  throw failure(message);
};
var checkId = (value, type) => isString(value) && value || fail(`Invalid payload for ${type} message.`);
var checkSequence = (message, type) => typeof message.sequenceId === "number" || fail(`Invalid SequenceId for ${type} message.`);
var VALIDATE = {
  [INVOCATION]: (m) => (checkId(m.target, "Invocation"), m.invocationId === void 0 || checkId(m.invocationId, "Invocation")),
  [STREAM_ITEM]: (m) => checkId(m.invocationId, "StreamItem") && ("item" in m || fail("Invalid payload for StreamItem message.")),
  [COMPLETION]: (m) => {
    if (m.error && (m.result || !checkId(m.error, "Completion"))) {
      fail("Invalid payload for Completion message.");
    }
    return checkId(m.invocationId, "Completion");
  },
  [PING]: () => true,
  [CLOSE]: () => true,
  [ACK]: (m) => checkSequence(m, "Ack"),
  [SEQUENCE]: (m) => checkSequence(m, "Sequence")
};
var JsonHubProtocol = class {
  name = "json";
  version = 2;
  transferFormat = TEXT;
  /**
   * The messages in one delivery. Transports deliver whole messages, so text that does not end with the
   * separator is a protocol error rather than something to wait for. Unknown types are logged and skipped.
   */
  parseMessages(input, logger) {
    if (!isString(input)) {
      throw failure("Invalid input for JSON hub protocol. Expected a string.");
    }
    if (!input) {
      return [];
    }
    if (!input.endsWith(RECORD_SEPARATOR)) {
      throw failure("Message is incomplete.");
    }
    return input.slice(0, -1).split(RECORD_SEPARATOR).map((record) => JSON.parse(record)).filter((message) => {
      if (typeof message?.type !== "number") {
        throw failure("Invalid payload.");
      }
      const validate = VALIDATE[message.type];
      if (!validate) {
        (logger ?? NullLogger.instance).log(
          INFORMATION,
          `Unknown message type '${message.type}' ignored.`
        );
      }
      return validate?.(message);
    });
  }
  writeMessage(message) {
    return frame(message);
  }
};
var handshakeRequest = (protocol, version) => frame({ protocol: protocol.name, version });
function parseHandshakeResponse(data) {
  const binary = !isString(data);
  const bytes = binary && new Uint8Array(data);
  const end = binary ? bytes.indexOf(30) : data.indexOf(RECORD_SEPARATOR);
  if (end < 0) {
    return void 0;
  }
  const response = JSON.parse(binary ? new TextDecoder().decode(bytes.subarray(0, end)) : data.slice(0, end));
  if (typeof response !== "object" || !response || "type" in response) {
    throw failure("Expected a handshake response from the server.");
  }
  return { response, rest: binary ? bytes.slice(end + 1).buffer : data.slice(end + 1) };
}
var join = (received, data) => {
  if (received === void 0) {
    return data;
  }
  if (isString(data)) {
    return received + data;
  }
  const bytes = new Uint8Array(received.byteLength + data.byteLength);
  bytes.set(new Uint8Array(received));
  bytes.set(new Uint8Array(data), received.byteLength);
  return bytes.buffer;
};

// src/runtime.js
var inNode = () => typeof globalThis.process?.versions?.node === "string" && typeof globalThis.document === "undefined";
var RUNTIME = inNode() ? ["User-Agent", `${{ win32: "Windows NT", darwin: "macOS", linux: "Linux" }[process.platform] ?? process.platform}; NodeJS; ${process.versions.node}`] : ["X-SignalR-User-Agent", "Unknown OS; Browser; Unknown Runtime Version"];

// src/http.js
var VERSION = "0.1.0";
var HttpResponse = class {
  constructor(statusCode, statusText, content) {
    this.statusCode = statusCode;
    this.statusText = statusText;
    this.content = content;
  }
};
var HttpClient = class {
  get(url, options) {
    return this.send({ ...options, method: "GET", url });
  }
  post(url, options) {
    return this.send({ ...options, method: "POST", url });
  }
  delete(url, options) {
    return this.send({ ...options, method: "DELETE", url });
  }
  /** Cookies for the WebSocket upgrade in Node; a browser sends its own. */
  getCookieString() {
    return "";
  }
};
var fetchInit = (method, withCredentials, headers, signal) => ({
  method,
  headers: { "X-Requested-With": "XMLHttpRequest", ...headers },
  signal,
  cache: "no-cache",
  credentials: withCredentials === false ? "same-origin" : "include"
});
var DefaultHttpClient = class extends HttpClient {
  /** `fetch` is internal: Node's connection passes one that keeps cookies. */
  constructor(logger, fetch2) {
    super();
    this._logger = logger;
    this._fetch = fetch2;
  }
  async send(request2) {
    if (request2.abortSignal?.aborted) {
      throw new AbortError();
    }
    const controller = new AbortController();
    let error;
    const abort = (reason) => () => {
      error = reason;
      controller.abort();
    };
    if (request2.abortSignal) {
      request2.abortSignal.onabort = abort(new AbortError());
    }
    const timer = request2.timeout && setTimeout(abort(new TimeoutError()), request2.timeout);
    const content = request2.content || void 0;
    let response;
    try {
      response = await (this._fetch ?? fetch)(request2.url, {
        ...fetchInit(request2.method, request2.withCredentials, {
          ...content && {
            "Content-Type": isString(content) ? "text/plain;charset=UTF-8" : "application/octet-stream"
          },
          ...request2.headers
        }, controller.signal),
        body: content
      });
      if (!response.ok) {
        throw new HttpError(await response.text() || response.statusText, response.status);
      }
      const body = request2.responseType === "arraybuffer" ? await response.arrayBuffer() : await response.text();
      return new HttpResponse(response.status, response.statusText, body);
    } catch (e) {
      if (error) {
        throw error;
      }
      this._logger?.log(WARNING, `Error from HTTP request. ${e}.`);
      throw e;
    } finally {
      clearTimeout(timer);
      if (request2.abortSignal) {
        request2.abortSignal.onabort = null;
      }
    }
  }
};
var USER_AGENT = [
  RUNTIME[0],
  `Switchboard/${VERSION.split(".").slice(0, 2).join(".")} (${VERSION}; ${RUNTIME[1]})`
];
var requestHeaders = (options) => ({
  [USER_AGENT[0]]: USER_AGENT[1],
  ...options._accessToken && { Authorization: `Bearer ${options._accessToken}` },
  ...options.headers
});
async function send(options, method, url, extra) {
  const client = options.httpClient ??= new DefaultHttpClient(void 0, options.fetch);
  const attempt = () => client.send({
    method,
    url,
    headers: requestHeaders(options),
    timeout: options.timeout,
    withCredentials: options.withCredentials,
    ...extra
  });
  const response = await attempt();
  if (response.statusCode !== 401 || !options.accessTokenFactory || url.includes("/negotiate?")) {
    return response;
  }
  options._accessToken = await options.accessTokenFactory();
  return attempt();
}
function request(options, method, url, { signal, accept } = {}) {
  return (options.fetch ?? fetch)(
    url,
    fetchInit(method, options.withCredentials, { ...requestHeaders(options), Accept: accept }, signal)
  );
}
async function ensureOk(response) {
  if (!response.ok) {
    const plain = response.headers.get("content-type")?.startsWith("text/plain");
    const reason = plain ? (await response.text().catch(() => "")).trim() : "";
    throw new HttpError(reason || response.statusText || "Request failed", response.status);
  }
  return response;
}
function withQuery(url, name, value) {
  return `${url}${url.includes("?") ? "&" : "?"}${name}=${encodeURIComponent(value)}`;
}
var SendQueue = class {
  _buffer = [];
  _waiting = [];
  _sending = false;
  constructor(post) {
    this._post = post;
  }
  send(data) {
    return new Promise((resolve, reject) => {
      this._buffer.push(data);
      this._waiting.push({ resolve, reject });
      if (!this._sending) {
        this._drain();
      }
    });
  }
  async _drain() {
    this._sending = true;
    while (this._buffer.length) {
      const data = this._buffer.reduce(join, void 0);
      const waiting = this._waiting;
      this._buffer = [];
      this._waiting = [];
      try {
        await this._post(data);
        waiting.forEach((w) => w.resolve());
      } catch (e) {
        waiting.forEach((w) => w.reject(e));
      }
    }
    this._sending = false;
  }
};

// src/cookies.js
var CookieJar = class {
  constructor(now = Date.now) {
    this._now = now;
    this._cookies = [];
  }
  /** Keeps the cookies a response from `url` sets, and deletes those it expires. */
  store(url, headers) {
    const now = this._now();
    for (const line of headers?.getSetCookie?.() ?? []) {
      const cookie = parse(line, new URL(url), now);
      if (cookie) {
        this._cookies = this._cookies.filter((c) => c.name !== cookie.name || c.domain !== cookie.domain || c.path !== cookie.path);
        if (cookie.expires > now) {
          this._cookies.push(cookie);
        }
      }
    }
  }
  /** The Cookie header for a request to `url` (http, https, ws or wss), or "" when no cookie applies. */
  header(url) {
    const { hostname, pathname, protocol } = new URL(url);
    const now = this._now();
    this._cookies = this._cookies.filter((c) => c.expires > now);
    return this._cookies.filter((c) => (c.hostOnly ? hostname === c.domain : domainMatches(hostname, c.domain)) && pathMatches(pathname, c.path) && (!c.secure || protocol === "https:" || protocol === "wss:")).map((c) => `${c.name}=${c.value}`).join("; ");
  }
};
var domainMatches = (host, domain) => host === domain || host.endsWith(`.${domain}`) && !/^[\d.]+$|:/.test(host);
var pathMatches = (path, cookiePath) => path === cookiePath || path.startsWith(cookiePath) && (cookiePath.endsWith("/") || path[cookiePath.length] === "/");
function parse(line, url, now) {
  const [pair, ...attributes] = line.split(";");
  const equals = pair.indexOf("=");
  const name = pair.slice(0, equals).trim();
  if (equals < 0 || !name) {
    return void 0;
  }
  const cookie = {
    name,
    value: pair.slice(equals + 1).trim(),
    domain: url.hostname,
    hostOnly: true,
    path: defaultPath(url.pathname),
    secure: false,
    expires: Infinity
  };
  let maxAge;
  for (const attribute of attributes) {
    const at = attribute.indexOf("=");
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const value = at < 0 ? "" : attribute.slice(at + 1).trim();
    if (key === "expires" && !Number.isNaN(Date.parse(value))) {
      cookie.expires = Date.parse(value);
    } else if (key === "max-age" && /^-?\d+$/.test(value)) {
      maxAge = Number(value);
    } else if (key === "domain" && value) {
      const domain = value.replace(/^\./, "").toLowerCase();
      if (!domainMatches(url.hostname, domain)) {
        return void 0;
      }
      cookie.domain = domain;
      cookie.hostOnly = false;
    } else if (key === "path") {
      cookie.path = value.startsWith("/") ? value : defaultPath(url.pathname);
    } else if (key === "secure") {
      cookie.secure = true;
    }
  }
  if (maxAge !== void 0) {
    cookie.expires = maxAge <= 0 ? -Infinity : now + maxAge * 1e3;
  }
  return cookie;
}
function defaultPath(path) {
  const slash = path.lastIndexOf("/");
  return slash <= 0 ? "/" : path.slice(0, slash);
}

// src/transports.js
var POLL_TIMEOUT = 1e5;
function dataDetail(data, logMessageContent) {
  if (isString(data)) {
    return `String data of length ${data.length}${logMessageContent ? `. Content: '${data}'` : ""}`;
  }
  const bytes = new Uint8Array(data);
  return `Binary data of length ${bytes.length}${logMessageContent ? `. Content: '${[...bytes].map((b) => `0x${b.toString(16).padStart(2, "0")}`).join(" ")}'` : ""}`;
}
var withToken = (url, { _accessToken }) => _accessToken ? withQuery(url, "access_token", _accessToken) : url;
var nameOf = (type) => Object.keys(HttpTransportType).find((name) => HttpTransportType[name] === type);
var Transport = class {
  onreceive = null;
  onclose = null;
  _stopped = false;
  _ended = false;
  constructor(options, logger) {
    this._options = options;
    this._logger = logger;
  }
  _trace(what, data) {
    this._logger.log(TRACE, `(${nameOf(this.constructor._type)} transport) ${what} ${dataDetail(data, this._options.logMessageContent)}.`);
  }
  /**
   * Passes on what arrived, unless the transport has been stopped or has ended: what a read in progress
   * still brings (the rest of an event-stream chunk, a poll's body) is for nobody then, as for a WebSocket.
   */
  _deliver(data) {
    if (!this._stopped && !this._ended) {
      this._trace("data received.", data);
      this.onreceive?.(data);
    }
  }
  /** Reports the end once; an end we asked for is never an error. */
  _end(error) {
    if (!this._ended) {
      this._ended = true;
      this.onclose?.(this._stopped ? void 0 : error);
    }
  }
};
var WebSocketTransport = class extends Transport {
  static _type = WEB_SOCKETS;
  static _supported = (options) => Boolean(options.WebSocket ?? globalThis.WebSocket);
  /** Also reconnects after an unclean drop, for stateful reconnect: then onclose has not been called. */
  connect(url) {
    this._ended = false;
    const address = withToken(url.replace(/^http/, "ws"), this._options);
    const Socket = this._options.WebSocket ?? globalThis.WebSocket;
    return new Promise((resolve, reject) => {
      const socket = new Socket(address);
      socket.binaryType = "arraybuffer";
      let opened = false;
      socket.onopen = () => {
        if (this._stopped) {
          socket.close();
          reject(failure("The connection was stopped."));
          return;
        }
        opened = true;
        this._socket = socket;
        resolve();
      };
      socket.onmessage = (event) => this._deliver(event.data);
      const failed = () => reject(failure("WebSocket failed to connect."));
      socket.onerror = () => {
        if (!opened) {
          failed();
        }
      };
      socket.onclose = (event) => {
        if (!opened) {
          failed();
        } else if (event.code === 1e3) {
          this._end();
        } else {
          this._end(failure(
            `WebSocket closed with status code: ${event.code} (${event.reason || "no reason given"}).`
          ));
        }
      };
    });
  }
  send(data) {
    if (this._socket?.readyState !== 1) {
      return notConnected();
    }
    this._trace("sending data.", data);
    this._socket.send(data);
    return resolved();
  }
  stop() {
    this._stopped = true;
    if (this._socket) {
      this._socket.onclose = this._socket.onmessage = null;
      this._socket.close();
    }
    this._end();
    return resolved();
  }
};
var HttpTransport = class extends Transport {
  constructor(options, logger) {
    super(options, logger);
    this._abort = new AbortController();
    this._queue = new SendQueue((content) => {
      this._trace("sending data.", content);
      return send(this._options, "POST", this._url, {
        content,
        responseType: isString(content) ? "text" : "arraybuffer"
      });
    });
  }
  send(data) {
    if (this._ended) {
      return notConnected();
    }
    return this._queue.send(data);
  }
};
var ServerSentEventsTransport = class extends HttpTransport {
  static _type = SERVER_SENT_EVENTS;
  static _supported = () => typeof ReadableStream !== "undefined";
  async connect(url, transferFormat) {
    if (transferFormat === BINARY) {
      throw failure("The Server-Sent Events transport only supports the 'Text' transfer format");
    }
    this._url = url;
    const response = await ensureOk(await request(this._options, "GET", withToken(url, this._options), {
      signal: this._abort.signal,
      accept: "text/event-stream"
    }));
    if (!response.headers.get("content-type")?.startsWith("text/event-stream")) {
      throw failure("The server did not send an event stream.");
    }
    this._read(response.body.getReader());
  }
  async _read(reader) {
    const decoder = new TextDecoder();
    let pending = "";
    let data = [];
    try {
      for (; ; ) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        const lines = (pending + decoder.decode(value, { stream: true })).split("\n");
        pending = lines.pop();
        for (const raw of lines) {
          const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
          if (line === "" && data.length) {
            this._deliver(data.join("\n"));
            data = [];
          } else if (line.startsWith("data:")) {
            data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
          }
        }
      }
      this._end(failure("The server ended the event stream."));
    } catch (e) {
      this._end(e);
    }
  }
  stop() {
    this._stopped = true;
    this._abort.abort();
    this._end();
    return resolved();
  }
};
var LongPollingTransport = class extends HttpTransport {
  static _type = LONG_POLLING;
  static _supported = () => true;
  /** Every poll answers within the server's poll timeout, so the server timeout adds nothing. */
  inherentKeepAlive = true;
  async connect(url, transferFormat) {
    this._url = url;
    this._responseType = transferFormat === BINARY ? "arraybuffer" : "text";
    const first = await this._poll();
    if (first.statusCode === 204) {
      throw failure("The server closed the connection.");
    }
    this._loop();
  }
  async _poll() {
    const response = await send(this._options, "GET", withQuery(this._url, "_", Date.now()), {
      abortSignal: this._abort.signal,
      timeout: POLL_TIMEOUT,
      responseType: this._responseType
    });
    if (response.statusCode !== 200 && response.statusCode !== 204) {
      throw new HttpError(response.statusText || "", response.statusCode);
    }
    return response;
  }
  async _loop() {
    try {
      for (; ; ) {
        let response;
        try {
          response = await this._poll();
        } catch (e) {
          if (e instanceof TimeoutError && !this._stopped) {
            continue;
          }
          throw e;
        }
        if (response.statusCode === 204) {
          this._end();
          return;
        }
        const content = response.content;
        if (content && (content.length || content.byteLength)) {
          this._deliver(content);
        }
      }
    } catch (e) {
      this._end(e);
    }
  }
  async stop() {
    if (this._stopped) {
      return;
    }
    this._stopped = true;
    this._abort.abort();
    try {
      await send(this._options, "DELETE", this._url);
    } catch {
    }
    this._end();
  }
};
var TRANSPORTS = {
  [WEB_SOCKETS]: WebSocketTransport,
  [SERVER_SENT_EVENTS]: ServerSentEventsTransport,
  [LONG_POLLING]: LongPollingTransport
};

// src/node.js
var importAtRunTime = (name) => import(
  /* webpackIgnore: true */
  /* @vite-ignore */
  name
);
async function findWebSocket(options) {
  const WebSocket = options.WebSocket ?? globalThis.WebSocket;
  if (WebSocket) {
    return WebSocket;
  }
  try {
    const ws = await (options._importModule ?? importAtRunTime)("ws");
    return ws.default ?? ws.WebSocket;
  } catch (e) {
    throw failure(`WebSockets needs the optional 'ws' package in this Node, which has no global WebSocket: install it with 'npm install ws', or give the WebSocket option (${e.message?.split("\n")[0] ?? e}).`);
  }
}
var NodeWebSocketTransport = class extends WebSocketTransport {
  /** Without a WebSocket class, connect() fails saying what to install: never a silent fallback. */
  static _supported = () => true;
  async connect(url) {
    const Socket = this._options.WebSocket ??= await findWebSocket(this._options);
    const address = url.replace(/^http/, "ws");
    const cookie = this._options._cookies.header(address);
    const headers = { ...cookie && { Cookie: cookie }, ...requestHeaders(this._options) };
    this._options = {
      ...this._options,
      _accessToken: void 0,
      WebSocket: class extends Socket {
        constructor(target) {
          super(target, { headers });
        }
      }
    };
    return super.connect(url);
  }
};
var TRANSPORTS2 = inNode() ? { ...TRANSPORTS, [WEB_SOCKETS]: NodeWebSocketTransport } : TRANSPORTS;
function connectionOptions(options) {
  if (!inNode()) {
    return { ...options };
  }
  const cookies = new CookieJar();
  const send2 = options.fetch ?? globalThis.fetch;
  return {
    ...options,
    _cookies: cookies,
    fetch: async (url, init) => {
      const cookie = cookies.header(url);
      const response = await send2(url, cookie ? { ...init, headers: { Cookie: cookie, ...init.headers } } : init);
      cookies.store(url, response.headers);
      return response;
    }
  };
}

// src/http-connection.js
var ALL_TRANSPORTS = WEB_SOCKETS | SERVER_SENT_EVENTS | LONG_POLLING;
var MAX_REDIRECTS = 100;
var HttpConnection = class {
  features = {};
  connectionId;
  _transport;
  _transportName = null;
  onreceive = null;
  onclose = null;
  constructor(url, options, logger) {
    this._baseUrl = url;
    this._options = options = connectionOptions({ timeout: 1e5, ...options });
    options.httpClient ??= new DefaultHttpClient(logger, options.fetch);
    this._logger = logger;
    let stopping;
    let started;
    let closeError;
    let redirectToken;
    const throwIfStopping = () => {
      if (stopping) {
        throw new AbortError("The connection was stopped while starting.");
      }
    };
    const refreshToken = async () => {
      options._accessToken = redirectToken ?? await options.accessTokenFactory?.();
    };
    const negotiate = async (url2) => {
      await refreshToken();
      const address = new URL(url2);
      address.pathname = address.pathname.replace(/\/?$/, "/negotiate");
      const query = address.searchParams;
      const version = "negotiateVersion";
      const stateful = "useStatefulReconnect";
      if (!query.has(version)) {
        query.append(version, "1");
      }
      if (query.has(stateful)) {
        options._useStatefulReconnect = query.get(stateful) === "true";
      } else if (options._useStatefulReconnect) {
        query.append(stateful, "true");
      }
      let negotiation;
      try {
        const response = await send(options, "POST", address.href, { content: "" });
        if (response.statusCode !== 200) {
          throw failure(`Unexpected status code returned from negotiate '${response.statusCode}'`);
        }
        negotiation = JSON.parse(response.content);
      } catch (e) {
        throwIfStopping();
        const hint = e instanceof HttpError && e.statusCode === 404 ? " Either this is not a SignalR endpoint or there is a proxy blocking the connection." : "";
        throw new FailedToNegotiateWithServerError(
          `Failed to complete negotiation with the server: ${e}${hint}`
        );
      }
      throwIfStopping();
      if (negotiation.error) {
        throw failure(negotiation.error);
      }
      if (negotiation.ProtocolVersion) {
        throw failure("Detected a connection attempt to an ASP.NET SignalR Server. This client only supports connecting to an ASP.NET Core SignalR Server. See https://aka.ms/signalr-core-differences for details.");
      }
      if (negotiation.useStatefulReconnect && !options._useStatefulReconnect) {
        throw new FailedToNegotiateWithServerError(
          "Client didn't negotiate Stateful Reconnect but the server did."
        );
      }
      negotiation.connectionToken ??= negotiation.connectionId;
      return negotiation;
    };
    const transportClosed = async (transport, error, url2, format) => {
      if (transport !== this._transport) {
        return;
      }
      if (error && this.features.reconnect && started && !stopping) {
        try {
          logger.log(INFORMATION, `Reconnecting the WebSocket after: ${error.message}`);
          this.features.disconnected();
          await refreshToken();
          await transport.connect(url2, format);
          await this.features.resend();
          return;
        } catch (e) {
          logger.log(INFORMATION, `Reconnecting the WebSocket failed: ${e}`);
          this._transport = void 0;
          await transport.stop();
        }
      }
      this._transport = void 0;
      this._transportName = null;
      if (started) {
        started = false;
        this.onclose?.(closeError ?? error);
      }
    };
    const connect = async (type, url2, format) => {
      await refreshToken();
      throwIfStopping();
      const transport = typeof type === "object" ? type : new TRANSPORTS2[type](options, logger);
      transport.onreceive = (data) => this.onreceive?.(data);
      transport.onclose = (error) => transportClosed(transport, error, url2, format);
      this._transport = transport;
      try {
        await transport.connect(url2, format);
        throwIfStopping();
      } catch (e) {
        this._transport = void 0;
        await transport.stop();
        throw e;
      }
      this._transportName = nameOf(type) ?? null;
      logger.log(INFORMATION, `Connected with ${this._transportName}.`);
    };
    const negotiateAndConnect = async (baseUrl, requested, format) => {
      let url2 = baseUrl;
      let negotiation;
      for (let redirects = 0; redirects < MAX_REDIRECTS && !negotiation; redirects++) {
        negotiation = await negotiate(url2);
        if (negotiation.url) {
          url2 = negotiation.url;
          redirectToken = negotiation.accessToken ?? redirectToken;
          negotiation = void 0;
        }
      }
      if (!negotiation) {
        throw failure("Negotiate redirection limit exceeded.");
      }
      if (typeof requested === "object") {
        await connect(requested, withQuery(url2, "id", negotiation.connectionToken), format);
        this.connectionId = negotiation.connectionId;
        return;
      }
      const errors = [];
      const formatName = Object.keys(TransferFormat)[format - 1];
      for (const { transport: name, transferFormats } of negotiation.availableTransports ?? []) {
        const type = HttpTransportType[name];
        let error;
        if (!type) {
          error = failure(`Skipping transport '${name}' because it is not supported by this client.`);
        } else if (!(requested & type)) {
          error = new DisabledTransportError(`'${name}' is disabled by the client.`, type);
        } else if (!transferFormats?.includes(formatName)) {
          error = failure(`'${name}' does not support ${formatName}.`);
        } else if (!TRANSPORTS2[type]._supported(options)) {
          error = new UnsupportedTransportError(`'${name}' is not supported in your environment.`, type);
        } else {
          try {
            negotiation ??= await negotiate(url2);
            this.features.reconnect = type === WEB_SOCKETS && negotiation.useStatefulReconnect;
            await connect(type, withQuery(url2, "id", negotiation.connectionToken), format);
            this.connectionId = negotiation.connectionId;
            return;
          } catch (e) {
            throwIfStopping();
            logger.log(ERROR, `Failed to start the transport '${name}': ${e}`);
            errors.push(new FailedToStartTransportError(`${name} failed: ${e}`, type));
            negotiation = void 0;
          }
        }
        if (error) {
          logger.log(DEBUG, error.message);
          errors.push(`${name} failed:`, error);
        }
      }
      if (!errors.length) {
        throw failure("None of the transports supported by the client are supported by the server.");
      }
      const text = errors.map((e) => isString(e) ? e : `Error: ${e.message}`).join(" ");
      throw new AggregateErrors(
        `Unable to connect to the server with any of the available transports. ${text}`,
        errors
      );
    };
    this.start = async (transferFormat = TEXT) => {
      stopping = started = false;
      closeError = redirectToken = void 0;
      this.features.reconnect = false;
      const url2 = new URL(this._baseUrl, globalThis.document?.baseURI).href;
      const requested = options.transport ?? ALL_TRANSPORTS;
      if (options.skipNegotiation) {
        if (requested !== WEB_SOCKETS) {
          throw failure("Negotiation can only be skipped when using the WebSocket transport directly.");
        }
        await connect(WEB_SOCKETS, url2, transferFormat);
      } else {
        await negotiateAndConnect(url2, requested, transferFormat);
      }
      if (!this._transport) {
        throw failure("The transport closed while connecting.");
      }
      this.features.inherentKeepAlive = this._transport.inherentKeepAlive;
      started = true;
    };
    this.send = (data) => this._transport?.send(data) ?? notConnected();
    this.stop = async (error) => {
      stopping = true;
      closeError = error;
      await this._transport?.stop();
    };
  }
};

// src/invocations.js
var isStream = (value) => typeof value?.subscribe === "function";
function call(hub, type, target, args, callback) {
  const streams = args.filter(isStream);
  const message = { type, target, arguments: args.filter((arg) => !isStream(arg)) };
  const streamIds = streams.map(() => hub._newId());
  if (streamIds.length) {
    message.streamIds = streamIds;
  }
  const invocationId = callback && (message.invocationId = hub._newId());
  if (callback) {
    hub._callbacks.set(invocationId, callback);
  }
  const sent = hub._sendMessage(message);
  sent.catch((e) => hub._callbacks.delete(invocationId) && callback(void 0, e));
  streams.forEach((stream, i) => {
    const upload = (item) => hub._sendMessage({ invocationId: streamIds[i], ...item }).catch((e) => hub._logger.log(ERROR, `Uploading a stream failed: ${e}`));
    stream.subscribe({
      next: (item) => upload({ type: STREAM_ITEM, item }),
      error: (e) => upload({ type: COMPLETION, error: e?.message ?? `${e}` }),
      complete: () => upload({ type: COMPLETION })
    });
  });
  return callback ? invocationId : sent;
}
async function invokeClientMethod(hub, { target, arguments: args = [], invocationId }) {
  const handlers = [...hub._handlers.get(String(target).toLowerCase()) ?? []];
  if (!handlers.length) {
    hub._logger.log(WARNING, `No client method with the name '${target}' found.`);
  }
  let answer;
  const fail2 = (e) => {
    hub._logger.log(ERROR, `The handler of '${target}' threw: ${e}`);
    answer = { error: `${e}` };
  };
  for (const handler of handlers) {
    try {
      const value = handler.apply(hub, args);
      if (!invocationId) {
        Promise.resolve(value).catch(fail2);
      } else {
        const result = await value;
        if (result !== void 0) {
          answer ??= { result };
        }
      }
    } catch (e) {
      fail2(e);
    }
  }
  if (invocationId) {
    hub._sendMessage({
      type: COMPLETION,
      invocationId,
      ...answer ?? { error: "Client didn't provide a result." }
    }).catch(ignore);
  }
}

// src/message-buffer.js
var counted = (message) => message.type <= CANCEL_INVOCATION;
var sizeOf = (data) => data.byteLength ?? data.length;
function messageBuffer(protocol, connection, bufferSize) {
  let messages = [];
  let bufferedBytes = 0;
  let sentCount = 0;
  let nextReceivingId = 1;
  let latestReceivedId = 0;
  let waitForSequence = false;
  let reconnecting = false;
  let ackTimer;
  const disconnected = () => {
    reconnecting = waitForSequence = true;
  };
  const ackSoon = () => {
    ackTimer ??= setTimeout(async () => {
      try {
        if (!reconnecting) {
          await connection.send(protocol.writeMessage({ type: ACK, sequenceId: latestReceivedId }));
        }
      } catch {
      }
      ackTimer = void 0;
    }, 1e3);
  };
  return {
    _disconnected: disconnected,
    /** Sends and keeps the message; resolves once the buffer is back under its size (backpressure). */
    async _send(message) {
      const data = protocol.writeMessage(message);
      let backpressure;
      if (counted(message)) {
        const item = { data, id: ++sentCount };
        bufferedBytes += sizeOf(data);
        if (bufferedBytes >= bufferSize) {
          backpressure = new Promise((resolve, reject) => Object.assign(item, { resolve, reject }));
        }
        messages.push(item);
      }
      try {
        if (!reconnecting) {
          await connection.send(data);
        }
      } catch {
        disconnected();
      }
      await backpressure;
    },
    /** The server has everything up to sequenceId: forget it, and release senders once under the size. */
    _ack({ sequenceId }) {
      let acked = 0;
      for (const item of messages) {
        if (item.id <= sequenceId) {
          acked++;
          bufferedBytes -= sizeOf(item.data);
        } else if (bufferedBytes >= bufferSize) {
          break;
        }
        item.resolve?.();
      }
      messages = messages.slice(acked);
    },
    /** Whether a received message is new; after a reconnect nothing is until the server's Sequence. */
    _shouldProcessMessage(message) {
      if (waitForSequence) {
        waitForSequence = message.type !== SEQUENCE;
        return !waitForSequence;
      }
      if (!counted(message)) {
        return true;
      }
      const id = nextReceivingId++;
      if (id <= latestReceivedId) {
        if (id === latestReceivedId) {
          ackSoon();
        }
        return false;
      }
      latestReceivedId = id;
      ackSoon();
      return true;
    },
    /** The server resends from sequenceId on; it cannot skip ahead of what we received. */
    _resetSequence({ sequenceId }) {
      if (sequenceId > nextReceivingId) {
        connection.stop(failure("Sequence ID greater than amount of messages we've received."));
      } else {
        nextReceivingId = sequenceId;
      }
    },
    /** On the new socket: our Sequence, then every message the server has not acknowledged, in order. */
    async _resend() {
      const sequenceId = messages[0]?.id ?? sentCount + 1;
      await connection.send(protocol.writeMessage({ type: SEQUENCE, sequenceId }));
      for (const item of [...messages]) {
        await connection.send(item.data);
      }
      reconnecting = false;
    },
    /** The connection is over: senders still held by backpressure fail. */
    _dispose(error) {
      messages.forEach((item) => item.reject?.(error));
      clearTimeout(ackTimer);
    }
  };
}

// src/reconnect.js
async function reconnect(hub, error) {
  const startedAt = Date.now();
  let attempts = 0;
  let reason = error ?? failure("The connection was lost.");
  let delay = nextDelay(hub, attempts, 0, reason);
  if (delay === null) {
    hub._completeClose(error);
    return;
  }
  hub._state = RECONNECTING;
  hub._logger.log(INFORMATION, `Reconnecting: ${reason.message}`);
  hub._run(hub._reconnectingCallbacks, error);
  while (delay !== null) {
    if (hub._state !== RECONNECTING) {
      return;
    }
    await new Promise((resolve) => {
      const handle = setTimeout(resolve, delay);
      hub._reconnectDelay = () => {
        clearTimeout(handle);
        resolve();
      };
    });
    hub._reconnectDelay = void 0;
    if (hub._state !== RECONNECTING) {
      return;
    }
    try {
      await hub._startInternal();
      hub._state = CONNECTED;
      hub._logger.log(INFORMATION, "Reconnected.");
      hub._run(hub._reconnectedCallbacks, hub._connection.connectionId);
      return;
    } catch (e) {
      hub._logger.log(INFORMATION, `Reconnecting failed: ${e.message}`);
      if (hub._state !== RECONNECTING) {
        if (hub._state === DISCONNECTING) {
          hub._completeClose();
        }
        return;
      }
      reason = e;
    }
    delay = nextDelay(hub, ++attempts, Date.now() - startedAt, reason);
  }
  hub._logger.log(INFORMATION, "Reconnecting gave up.");
  hub._completeClose(reason);
}
function nextDelay(hub, previousRetryCount, elapsedMilliseconds, retryReason) {
  try {
    return hub._reconnectPolicy.nextRetryDelayInMilliseconds({
      previousRetryCount,
      elapsedMilliseconds,
      retryReason
    }) ?? null;
  } catch (e) {
    hub._logger.log(ERROR, `The retry policy threw: ${e}`);
    return null;
  }
}

// src/subject.js
var Subject = class {
  observers = [];
  cancelCallback;
  next(item) {
    for (const observer of [...this.observers]) {
      observer.next?.(item);
    }
  }
  error(error) {
    for (const observer of [...this.observers]) {
      observer.error?.(error);
    }
  }
  complete() {
    for (const observer of [...this.observers]) {
      observer.complete?.();
    }
  }
  /** Adds an observer; disposing the last subscription cancels the stream. */
  subscribe(observer) {
    this.observers.push(observer);
    return {
      dispose: () => {
        const index = this.observers.indexOf(observer);
        if (index >= 0) {
          this.observers.splice(index, 1);
        }
        if (this.observers.length === 0 && this.cancelCallback) {
          this.cancelCallback().catch(ignore);
        }
      }
    };
  }
};

// src/hub-connection.js
var HubConnection = class {
  serverTimeoutInMilliseconds = 3e4;
  keepAliveIntervalInMilliseconds = 15e3;
  _handlers = /* @__PURE__ */ new Map();
  _callbacks = /* @__PURE__ */ new Map();
  _closedCallbacks = [];
  _reconnectingCallbacks = [];
  _reconnectedCallbacks = [];
  _state = DISCONNECTED;
  _started = false;
  _nextId = 0;
  constructor(connection, logger, reconnectPolicy, protocol = new JsonHubProtocol(), statefulReconnectBufferSize = 1e5) {
    this._connection = connection;
    this._logger = logger;
    this._reconnectPolicy = reconnectPolicy;
    this._protocol = protocol;
    this._bufferSize = statefulReconnectBufferSize;
    this._ping = protocol.writeMessage({ type: PING });
    connection.onreceive = (data) => this._receive(data);
    connection.onclose = (error) => this._connectionClosed(error);
  }
  get state() {
    return this._state;
  }
  /** The server's id for this connection, null until connected. */
  get connectionId() {
    return this._connection.connectionId ?? null;
  }
  /** The name of the transport in use ("WebSockets", "ServerSentEvents", "LongPolling"), or null. */
  get transport() {
    return this._connection._transportName;
  }
  get baseUrl() {
    return this._connection._baseUrl;
  }
  set baseUrl(url) {
    if (this._state !== DISCONNECTED && this._state !== RECONNECTING) {
      throw failure("The url can change only while disconnected or reconnecting.");
    }
    this._connection._baseUrl = url;
  }
  /** Connects, negotiating a transport and completing the hub handshake. */
  start() {
    return this._startPromise = (async () => {
      if (this._state !== DISCONNECTED) {
        throw failure("Cannot start a HubConnection that is not in the 'Disconnected' state.");
      }
      this._state = CONNECTING;
      try {
        await this._startInternal();
        this._state = CONNECTED;
        this._started = true;
      } catch (e) {
        this._state = DISCONNECTED;
        throw e;
      }
    })();
  }
  async _startInternal() {
    this._stopDuringStartError = void 0;
    this._received = void 0;
    this._disposeBuffer();
    this._handshakeDone = false;
    const handshake = new Promise((resolve, reject) => {
      this._handshakeResolve = resolve;
      this._handshakeReject = reject;
    });
    handshake.catch(ignore);
    const features = this._connection.features ??= {};
    await this._connection.start(this._protocol.transferFormat);
    try {
      await this._connection.send(handshakeRequest(this._protocol, features.reconnect ? this._protocol.version : 1));
      this._resetTimeout();
      this._resetKeepAlive();
      await handshake;
      if (this._stopDuringStartError) {
        throw this._stopDuringStartError;
      }
      if (features.reconnect) {
        const buffer = messageBuffer(this._protocol, this._connection, this._bufferSize);
        this._messageBuffer = buffer;
        features.disconnected = () => buffer._disconnected();
        features.resend = () => buffer._resend();
      }
      if (!this._connection._transport?.inherentKeepAlive) {
        await this._connection.send(this._ping);
      }
    } catch (e) {
      this._clearTimers();
      await this._connection.stop(e);
      throw e;
    }
  }
  /** Disconnects; pending invocations fail, and a reconnect in progress ends. */
  async stop() {
    const starting = this._startPromise;
    const reconnecting = this._reconnectPromise;
    if (this._connection.features) {
      this._connection.features.reconnect = false;
    }
    this._stopPromise = this._stopInternal();
    await this._stopPromise;
    await Promise.all([starting?.catch(ignore), reconnecting]);
  }
  _stopInternal(error) {
    const state = this._state;
    if (state === DISCONNECTED) {
      return resolved();
    }
    if (state === DISCONNECTING) {
      return this._stopPromise;
    }
    this._state = DISCONNECTING;
    if (state === RECONNECTING) {
      this._reconnectDelay?.();
      this._connection.stop();
      this._completeClose();
      return resolved();
    }
    if (state === CONNECTED) {
      this._connection.send(this._protocol.writeMessage({ type: CLOSE })).catch(ignore);
    }
    this._clearTimers();
    this._stopDuringStartError = error ?? new AbortError("The connection was stopped during the handshake.");
    return this._connection.stop(error);
  }
  /** Registers a handler for a method the server calls; names are matched case-insensitively. */
  on(methodName, newMethod) {
    if (!methodName || !newMethod) {
      return;
    }
    const key = methodName.toLowerCase();
    const handlers = this._handlers.get(key) ?? [];
    if (!handlers.includes(newMethod)) {
      handlers.push(newMethod);
    }
    this._handlers.set(key, handlers);
  }
  /** Removes one handler, or every handler of the method when none is given. */
  off(methodName, method) {
    if (!methodName) {
      return;
    }
    const key = methodName.toLowerCase();
    const handlers = this._handlers.get(key);
    if (handlers && method) {
      const index = handlers.indexOf(method);
      if (index >= 0) {
        handlers.splice(index, 1);
      }
    }
    if (!method || handlers?.length === 0) {
      this._handlers.delete(key);
    }
  }
  onclose(callback) {
    if (callback) {
      this._closedCallbacks.push(callback);
    }
  }
  onreconnecting(callback) {
    if (callback) {
      this._reconnectingCallbacks.push(callback);
    }
  }
  onreconnected(callback) {
    if (callback) {
      this._reconnectedCallbacks.push(callback);
    }
  }
  /** Calls a hub method and resolves with its result, or rejects with the server's error. */
  invoke(methodName, ...args) {
    return new Promise((resolve, reject) => call(this, INVOCATION, methodName, args, (message, error) => {
      if (error || message.type !== COMPLETION || message.error) {
        reject(error ?? failure(message.error ?? "Unexpected stream item."));
      } else {
        resolve(message.result);
      }
    }));
  }
  /** Calls a hub method without waiting for it to run; resolves once the call is sent. */
  send(methodName, ...args) {
    return call(this, INVOCATION, methodName, args);
  }
  /** Calls a streaming hub method; subscribe to the result, and dispose the subscription to cancel. */
  stream(methodName, ...args) {
    const subject = new Subject();
    const invocationId = call(this, STREAM_INVOCATION, methodName, args, (message, error) => {
      if (error || message.error) {
        subject.error(error ?? failure(message.error));
      } else if (message.type === STREAM_ITEM) {
        subject.next(message.item);
      } else {
        subject.complete();
      }
    });
    subject.cancelCallback = () => this._callbacks.delete(invocationId) ? this._sendMessage({ type: CANCEL_INVOCATION, invocationId }) : resolved();
    return subject;
  }
  _newId() {
    return String(this._nextId++);
  }
  _sendMessage(message) {
    if (this._state !== CONNECTED) {
      return notConnected();
    }
    this._resetKeepAlive();
    return this._messageBuffer ? this._messageBuffer._send(message) : this._connection.send(this._protocol.writeMessage(message));
  }
  _receive(data) {
    this._resetTimeout();
    try {
      if (!this._handshakeDone) {
        const handshake = parseHandshakeResponse(join(this._received, data));
        if (!handshake) {
          this._received = join(this._received, data);
          return;
        }
        this._received = void 0;
        if (handshake.response.error) {
          throw failure(`Server returned handshake error: ${handshake.response.error}`);
        }
        this._handshakeDone = true;
        this._handshakeResolve();
        data = handshake.rest;
      }
      if (this._protocol.transferFormat === TEXT && !isString(data)) {
        data = new TextDecoder().decode(data);
      }
      for (const message of this._protocol.parseMessages(data, this._logger)) {
        if (!this._messageBuffer || this._messageBuffer._shouldProcessMessage(message)) {
          this._dispatch(message);
        }
      }
    } catch (e) {
      this._handshakeReject(e);
      this._connection.stop(e);
    }
  }
  _dispatch(message) {
    switch (message.type) {
      case INVOCATION:
        invokeClientMethod(this, message);
        break;
      case STREAM_ITEM:
      case COMPLETION: {
        const callback = this._callbacks.get(message.invocationId);
        if (callback) {
          if (message.type === COMPLETION) {
            this._callbacks.delete(message.invocationId);
          }
          callback(message);
        }
        break;
      }
      case ACK:
        this._messageBuffer?._ack(message);
        break;
      case SEQUENCE:
        this._messageBuffer?._resetSequence(message);
        break;
      case CLOSE: {
        const error = message.error ? failure(`Server returned an error on close: ${message.error}`) : void 0;
        if (message.allowReconnect) {
          this._connection.stop(error);
        } else {
          this._stopPromise = this._stopInternal(error);
        }
      }
    }
  }
  /**
   * Whether the server timeout and the keep-alive apply: only while a transport is up that lacks a keep-alive
   * of its own, and the connection is not being stopped. A timer started after the end would keep Node
   * running until it fired, for nothing.
   */
  _timersApply() {
    const transport = this._connection._transport;
    return Boolean(transport) && !transport.inherentKeepAlive && this._state !== DISCONNECTED && this._state !== DISCONNECTING;
  }
  _resetTimeout() {
    clearTimeout(this._timeoutHandle);
    if (this._timersApply()) {
      this._timeoutHandle = setTimeout(
        () => this._connection.stop(
          failure("Server timeout elapsed without receiving a message from the server.")
        ),
        this.serverTimeoutInMilliseconds
      );
    }
  }
  /** Pings the server when the client has sent nothing for a keep-alive interval. */
  _resetKeepAlive() {
    clearTimeout(this._pingHandle);
    if (this._timersApply()) {
      this._pingHandle = setTimeout(() => {
        if (this._state === CONNECTED) {
          this._resetKeepAlive();
          this._connection.send(this._ping).catch(ignore);
        }
      }, this.keepAliveIntervalInMilliseconds);
    }
  }
  _clearTimers() {
    clearTimeout(this._timeoutHandle);
    clearTimeout(this._pingHandle);
  }
  _connectionClosed(error) {
    this._handshakeReject?.(this._stopDuringStartError ?? error ?? failure("The connection closed during the handshake."));
    const canceled = error ?? failure("Invocation canceled due to the underlying connection being closed.");
    const callbacks = [...this._callbacks.values()];
    this._callbacks.clear();
    callbacks.forEach((callback) => callback(void 0, canceled));
    this._clearTimers();
    if (this._state === CONNECTED && this._reconnectPolicy) {
      this._reconnectPromise = reconnect(this, error);
    } else if (this._state === CONNECTED || this._state === DISCONNECTING) {
      this._completeClose(error);
    }
  }
  _completeClose(error) {
    if (this._started) {
      this._state = DISCONNECTED;
      this._started = false;
      this._disposeBuffer(error);
      this._run(this._closedCallbacks, error);
    }
  }
  /** Fails the sends that stateful reconnect's buffer still holds, and drops the buffer. */
  _disposeBuffer(error) {
    this._messageBuffer?._dispose(error ?? failure("Connection closed."));
    this._messageBuffer = void 0;
  }
  _run(callbacks, argument) {
    for (const callback of callbacks) {
      try {
        callback.call(this, argument);
      } catch (e) {
        this._logger.log(ERROR, `An event handler threw: ${e}`);
      }
    }
  }
};

// src/builder.js
var DEFAULT_RETRY_DELAYS = [0, 2e3, 1e4, 3e4];
var DefaultReconnectPolicy = class {
  constructor(retryDelays = DEFAULT_RETRY_DELAYS) {
    this._delays = [...retryDelays, null];
  }
  nextRetryDelayInMilliseconds(retryContext) {
    return this._delays[retryContext.previousRetryCount] ?? null;
  }
};
var HubConnectionBuilder = class {
  /** Sets the minimum level logged to the console, or a logger of your own ({@code log(level, message)}). */
  configureLogging(logging) {
    this._logger = createLogger(logging);
    return this;
  }
  /**
   * The hub's URL, relative to the page or absolute, and either a transport type (flags of
   * HttpTransportType) or connection options.
   */
  withUrl(url, transportTypeOrOptions) {
    if (!url) {
      throw failure("The 'url' argument is required.");
    }
    this._url = url;
    this._httpConnectionOptions = {
      ...this._httpConnectionOptions,
      ...typeof transportTypeOrOptions === "object" ? transportTypeOrOptions : { transport: transportTypeOrOptions }
    };
    return this;
  }
  /** The hub protocol: JsonHubProtocol by default, MessagePackHubProtocol, or any IHubProtocol. */
  withHubProtocol(protocol) {
    if (!protocol) {
      throw failure("The 'protocol' argument is required.");
    }
    this._protocol = protocol;
    return this;
  }
  /**
   * Resumes a dropped WebSocket without losing or repeating a message, when the server allows it; the
   * client keeps up to `bufferSize` bytes (100,000 by default) of unacknowledged messages meanwhile.
   */
  withStatefulReconnect(options) {
    this._httpConnectionOptions = { ...this._httpConnectionOptions, _useStatefulReconnect: true };
    this._statefulReconnectBufferSize = options?.bufferSize;
    return this;
  }
  /** Reconnects after a lost connection: with the default delays, the given ones, or a policy object. */
  withAutomaticReconnect(retryDelaysOrReconnectPolicy) {
    if (this._reconnectPolicy) {
      throw failure("A reconnectPolicy has already been set.");
    }
    this._reconnectPolicy = typeof retryDelaysOrReconnectPolicy?.nextRetryDelayInMilliseconds === "function" ? retryDelaysOrReconnectPolicy : new DefaultReconnectPolicy(retryDelaysOrReconnectPolicy);
    return this;
  }
  withServerTimeout(milliseconds) {
    this._serverTimeout = milliseconds;
    return this;
  }
  withKeepAliveInterval(milliseconds) {
    this._keepAliveInterval = milliseconds;
    return this;
  }
  build() {
    if (!this._url) {
      throw failure("The 'HubConnectionBuilder.withUrl' method must be called before building the connection.");
    }
    const options = this._httpConnectionOptions;
    const logger = options.logger !== void 0 ? createLogger(options.logger) : this._logger ?? createLogger();
    const connection = new HubConnection(
      new HttpConnection(this._url, options, logger),
      logger,
      this._reconnectPolicy,
      this._protocol,
      this._statefulReconnectBufferSize
    );
    if (this._serverTimeout != null) {
      connection.serverTimeoutInMilliseconds = this._serverTimeout;
    }
    if (this._keepAliveInterval != null) {
      connection.keepAliveIntervalInMilliseconds = this._keepAliveInterval;
    }
    return connection;
  }
};
