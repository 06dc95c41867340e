// builder.js and logging.js: HubConnectionBuilder's options, the default reconnect policy, configureLogging.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DefaultReconnectPolicy, HubConnectionBuilder } from "../../src/builder.js";
import { HttpConnection } from "../../src/http-connection.js";
import { HubConnection, HubConnectionState } from "../../src/hub-connection.js";
import * as api from "../../src/index.js";
import { LogLevel, NullLogger } from "../../src/logging.js";
import { HttpTransportType } from "../../src/transports.js";

const HUB_URL = "http://localhost/hub";
const build = (configure) => configure(new HubConnectionBuilder().withUrl(HUB_URL).configureLogging(LogLevel.None)).build();
const delays = (policy, count) => Array.from({ length: count },
    (_, previousRetryCount) => policy.nextRetryDelayInMilliseconds({ previousRetryCount, elapsedMilliseconds: 0 }));

/** The lowest level a logger writes to the console, found by logging at each level with the console mocked. */
function minimumLevel(t, logger) {
    const writes = ["log", "info", "warn", "error"].map((name) => t.mock.method(console, name, () => {}));
    const written = () => writes.reduce((sum, write) => sum + write.mock.callCount(), 0);
    for (let level = LogLevel.Trace; level <= LogLevel.Critical; level++) {
        const before = written();
        logger.log(level, "probe");
        if (written() > before) {
            return level;
        }
    }
    return LogLevel.None;
}

describe("withUrl", () => {
    test("builds a disconnected HubConnection over an HttpConnection to the URL", () => {
        const connection = build((b) => b);
        assert.ok(connection instanceof HubConnection);
        assert.ok(connection._connection instanceof HttpConnection);
        assert.equal(connection.state, HubConnectionState.Disconnected);
        assert.equal(connection.baseUrl, HUB_URL);
        assert.equal(connection.connectionId, null);
    });

    test("takes a transport type number", () => {
        const connection = new HubConnectionBuilder().withUrl(HUB_URL, HttpTransportType.LongPolling)
            .configureLogging(LogLevel.None).build();
        assert.equal(connection._connection._options.transport, HttpTransportType.LongPolling);
    });

    test("takes an options object, copied", async () => {
        const calls = [];
        const fetch = async (url) => {
            calls.push(url);
            return new Response("");
        };
        const options = { transport: HttpTransportType.WebSockets, skipNegotiation: true, fetch, headers: { a: "1" } };
        const builder = new HubConnectionBuilder().withUrl(HUB_URL, options).configureLogging(LogLevel.None);
        options.transport = HttpTransportType.LongPolling;
        const { _options } = builder.build()._connection;
        assert.equal(_options.transport, HttpTransportType.WebSockets);
        assert.equal(_options.skipNegotiation, true);
        // In Node, the connection's fetch is the given one with its cookie jar around it.
        await _options.fetch("http://h/hub", {});
        assert.deepEqual(calls, ["http://h/hub"]);
        assert.deepEqual(_options.headers, { a: "1" });
    });

    test("requires a HUB_URL", () => {
        assert.throws(() => new HubConnectionBuilder().withUrl(""), { message: "The 'url' argument is required." });
    });

    test("build without withUrl throws", () => {
        assert.throws(() => new HubConnectionBuilder().build(), { message: "The 'HubConnectionBuilder.withUrl' method must be called before building the connection." });
    });
});

describe("withAutomaticReconnect", () => {
    test("with nothing waits 0, 2000, 10000 and 30000 ms, then gives up", () => {
        const connection = build((b) => b.withAutomaticReconnect());
        assert.ok(connection._reconnectPolicy instanceof DefaultReconnectPolicy);
        assert.deepEqual(delays(connection._reconnectPolicy, 6), [0, 2000, 10000, 30000, null, null]);
    });

    test("with an array waits those delays", () => {
        const connection = build((b) => b.withAutomaticReconnect([5, 50]));
        assert.deepEqual(delays(connection._reconnectPolicy, 4), [5, 50, null, null]);
    });

    test("with an empty array never retries", () => {
        assert.deepEqual(delays(build((b) => b.withAutomaticReconnect([]))._reconnectPolicy, 1), [null]);
    });

    test("with a policy object uses it as it is", () => {
        const policy = { nextRetryDelayInMilliseconds: () => 7 };
        assert.equal(build((b) => b.withAutomaticReconnect(policy))._reconnectPolicy, policy);
    });

    test("setting it twice throws", () => {
        const builder = new HubConnectionBuilder().withAutomaticReconnect();
        assert.throws(() => builder.withAutomaticReconnect([1]), { message: "A reconnectPolicy has already been set." });
    });

    test("without it there is no reconnect policy", () => {
        assert.equal(build((b) => b)._reconnectPolicy, undefined);
    });
});

describe("configureLogging", () => {
    test("with a LogLevel logs that level and above", (t) => {
        const connection = new HubConnectionBuilder().withUrl(HUB_URL).configureLogging(LogLevel.Error).build();
        assert.equal(minimumLevel(t, connection._logger), LogLevel.Error);
    });

    test("with a level's name", (t) => {
        const level = (name) => minimumLevel(t, new HubConnectionBuilder().withUrl(HUB_URL).configureLogging(name).build()._logger);
        assert.equal(level("warn"), LogLevel.Warning);
        assert.equal(level("Warning"), LogLevel.Warning);
        assert.equal(level("information"), LogLevel.Information);
        assert.equal(level("info"), LogLevel.Information);
        assert.equal(level("trace"), LogLevel.Trace);
        assert.equal(level("none"), LogLevel.None);
    });

    test("with a custom logger uses it", () => {
        const logger = { log() {} };
        assert.equal(new HubConnectionBuilder().withUrl(HUB_URL).configureLogging(logger).build()._logger, logger);
    });

    test("with an unknown name or level throws", () => {
        assert.throws(() => new HubConnectionBuilder().configureLogging("loud"), { message: "Unknown log level: loud" });
        assert.throws(() => new HubConnectionBuilder().configureLogging(42), { message: "Unknown log level: 42" });
    });

    test("null silences the client; by default it logs Information and above", (t) => {
        assert.equal(new HubConnectionBuilder().withUrl(HUB_URL).configureLogging(null).build()._logger, NullLogger.instance);
        assert.equal(minimumLevel(t, new HubConnectionBuilder().withUrl(HUB_URL).build()._logger), LogLevel.Information);
    });

    test("a logger in the withUrl options wins over configureLogging", () => {
        const logger = { log() {} };
        const connection = new HubConnectionBuilder().withUrl(HUB_URL, { logger }).configureLogging(LogLevel.Trace).build();
        assert.equal(connection._logger, logger);
        assert.equal(connection._connection._logger, logger);
    });
});

describe("timeouts", () => {
    test("withServerTimeout and withKeepAliveInterval set the connection's properties", () => {
        const connection = build((b) => b.withServerTimeout(60000).withKeepAliveInterval(5000));
        assert.equal(connection.serverTimeoutInMilliseconds, 60000);
        assert.equal(connection.keepAliveIntervalInMilliseconds, 5000);
    });

    test("default to 30 s and 15 s", () => {
        const connection = build((b) => b);
        assert.equal(connection.serverTimeoutInMilliseconds, 30000);
        assert.equal(connection.keepAliveIntervalInMilliseconds, 15000);
    });
});

describe("withHubProtocol and the exports", () => {
    test("any IHubProtocol is accepted; none is an error", () => {
        const protocol = new api.JsonHubProtocol();
        const hub = new HubConnectionBuilder().withUrl("http://h/hub").withHubProtocol(protocol).build();
        assert.equal(hub._protocol, protocol);
        assert.throws(() => new HubConnectionBuilder().withHubProtocol(), { message: "The 'protocol' argument is required." });
    });

    test("withStatefulReconnect asks negotiate for it, keeps withUrl's options, and sets the buffer size", () => {
        const hub = new HubConnectionBuilder().withStatefulReconnect({ bufferSize: 5000 })
            .withUrl("http://h/hub", { headers: { a: "1" } }).build();
        assert.equal(hub._bufferSize, 5000);
        assert.equal(hub._connection._options._useStatefulReconnect, true);
        assert.deepEqual(hub._connection._options.headers, { a: "1" });
        assert.equal(new HubConnectionBuilder().withUrl("http://h/hub").withStatefulReconnect().build()._bufferSize,
            100000);
    });

    test("the timeout option defaults to 100 s, as upstream's", () => {
        assert.equal(new HubConnectionBuilder().withUrl("http://h/hub").build()._connection._options.timeout, 100000);
        assert.equal(new HubConnectionBuilder().withUrl("http://h/hub", { timeout: 5 }).build()._connection._options
            .timeout, 5);
    });

    test("index.js exports the API of @microsoft/signalr", () => {
        for (const name of ["AbortError", "DefaultReconnectPolicy", "HttpError", "HttpTransportType", "HubConnection",
            "HubConnectionBuilder", "HubConnectionState", "LogLevel", "MessageType", "NullLogger", "Subject",
            "TransferFormat", "VERSION", "TimeoutError", "HttpClient", "DefaultHttpClient", "HttpResponse",
            "JsonHubProtocol", "FailedToNegotiateWithServerError", "FailedToStartTransportError",
            "DisabledTransportError", "UnsupportedTransportError", "AggregateErrors"]) {
            assert.ok(api[name] !== undefined, name);
        }
        assert.deepEqual({ ...api.HttpTransportType }, { None: 0, WebSockets: 1, ServerSentEvents: 2, LongPolling: 4 });
        assert.deepEqual({ ...api.LogLevel },
            { Trace: 0, Debug: 1, Information: 2, Warning: 3, Error: 4, Critical: 5, None: 6 });
    });
});
