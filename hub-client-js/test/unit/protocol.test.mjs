// protocol.js: JsonHubProtocol (records ended by the record separator, upstream's checks), and the handshake.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    frame, handshakeRequest, JsonHubProtocol, MessageType, parseHandshakeResponse, RECORD_SEPARATOR, TransferFormat,
} from "../../src/protocol.js";

const json = new JsonHubProtocol();
const parseMessages = (text) => json.parseMessages(text);

describe("framing", () => {
    test("a message is its JSON followed by the record separator", () => {
        assert.equal(RECORD_SEPARATOR, "\x1e");
        assert.equal(frame({ type: MessageType.Ping }), '{"type":6}\x1e');
    });

    test("JsonHubProtocol has upstream's IHubProtocol shape; the handshake names the protocol and version", () => {
        assert.equal(json.name, "json");
        assert.equal(json.version, 2);
        assert.equal(json.transferFormat, TransferFormat.Text);
        assert.equal(json.writeMessage({ type: 6 }), '{"type":6}\x1e');
        assert.equal(handshakeRequest(json, 1), '{"protocol":"json","version":1}\x1e');
    });

    test("message types have the protocol's numbers", () => {
        assert.deepEqual({ ...MessageType }, {
            Invocation: 1, StreamItem: 2, Completion: 3, StreamInvocation: 4, CancelInvocation: 5, Ping: 6, Close: 7,
            Ack: 8, Sequence: 9,
        });
    });
});

describe("parseMessages", () => {
    test("parses one message", () => {
        assert.deepEqual(parseMessages('{"type":6}\x1e'), [{ type: 6 }]);
    });

    test("parses several messages in one delivery, in order", () => {
        const text = '{"type":1,"target":"a","arguments":[1]}\x1e{"type":6}\x1e{"type":3,"invocationId":"0","result":"x\\u001ey"}\x1e';
        assert.deepEqual(parseMessages(text), [
            { type: 1, target: "a", arguments: [1] },
            { type: 6 },
            { type: 3, invocationId: "0", result: "x\x1ey" },
        ]);
    });

    test("text that does not end with the separator is incomplete", () => {
        assert.throws(() => parseMessages('{"type":6}'), { message: "Message is incomplete." });
        assert.throws(() => parseMessages('{"type":6}\x1e{"type":'), { message: "Message is incomplete." });
    });

    test("a record that is not JSON throws", () => {
        assert.throws(() => parseMessages("nope\x1e"), SyntaxError);
    });

    test("empty input is no message; bytes are refused, as upstream", () => {
        assert.deepEqual(parseMessages(""), []);
        assert.throws(() => json.parseMessages(new ArrayBuffer(1)),
            { message: "Invalid input for JSON hub protocol. Expected a string." });
    });

    test("each type's required fields are checked with upstream's messages", () => {
        const bad = {
            '{"x":1}': "Invalid payload.",
            '{"type":1,"target":""}': "Invalid payload for Invocation message.",
            '{"type":2,"invocationId":"1"}': "Invalid payload for StreamItem message.",
            '{"type":3,"invocationId":"1","result":1,"error":"e"}': "Invalid payload for Completion message.",
            '{"type":3,"result":1}': "Invalid payload for Completion message.",
            '{"type":8}': "Invalid SequenceId for Ack message.",
            '{"type":9,"sequenceId":"1"}': "Invalid SequenceId for Sequence message.",
        };
        for (const [record, message] of Object.entries(bad)) {
            assert.throws(() => parseMessages(`${record}\x1e`), { message }, record);
        }
        assert.deepEqual(parseMessages('{"type":8,"sequenceId":3}\x1e{"type":9,"sequenceId":1}\x1e'),
            [{ type: 8, sequenceId: 3 }, { type: 9, sequenceId: 1 }]);
    });

    test("an unknown type is logged and skipped", () => {
        const logged = [];
        assert.deepEqual(json.parseMessages('{"type":99}\x1e{"type":6}\x1e', { log: (l, m) => logged.push(m) }),
            [{ type: 6 }]);
        assert.deepEqual(logged, ["Unknown message type '99' ignored."]);
    });
});

describe("parseHandshakeResponse", () => {
    test("an empty object is a successful response", () => {
        assert.deepEqual(parseHandshakeResponse("{}\x1e"), { response: {}, rest: "" });
    });

    test("is undefined until the separator has arrived", () => {
        assert.equal(parseHandshakeResponse(""), undefined);
        assert.equal(parseHandshakeResponse("{"), undefined);
    });

    test("a response split across deliveries parses once the parts are joined", () => {
        const parts = ["{", '"minorVer', 'sion":1}', "\x1e"];
        let received = "";
        const results = parts.map((part) => parseHandshakeResponse(received += part));
        assert.deepEqual(results.slice(0, 3), [undefined, undefined, undefined]);
        assert.deepEqual(results[3], { response: { minorVersion: 1 }, rest: "" });
    });

    test("messages after the response are left as the rest", () => {
        const result = parseHandshakeResponse('{}\x1e{"type":6}\x1e{"type":1,"target":"t","arguments":[]}\x1e');
        assert.deepEqual(result.response, {});
        assert.deepEqual(parseMessages(result.rest), [{ type: 6 }, { type: 1, target: "t", arguments: [] }]);
    });

    test("carries the server's error field", () => {
        const { response } = parseHandshakeResponse('{"error":"The protocol \'xml\' is not supported."}\x1e');
        assert.equal(response.error, "The protocol 'xml' is not supported.");
    });

    test("a response that is not an object is invalid", () => {
        assert.throws(() => parseHandshakeResponse("42\x1e"), { message: "Expected a handshake response from the server." });
        assert.throws(() => parseHandshakeResponse("null\x1e"), { message: "Expected a handshake response from the server." });
        assert.throws(() => parseHandshakeResponse("{\x1e"), SyntaxError);
    });
});

describe("a binary handshake response", () => {
    test("is read off the front of bytes; the rest stays bytes", () => {
        const bytes = new Uint8Array([...new TextEncoder().encode("{}\x1e"), 1, 2, 3]);
        const { response, rest } = parseHandshakeResponse(bytes.buffer);
        assert.deepEqual(response, {});
        assert.ok(rest instanceof ArrayBuffer);
        assert.deepEqual([...new Uint8Array(rest)], [1, 2, 3]);
        assert.equal(parseHandshakeResponse(new TextEncoder().encode("{").buffer), undefined);
    });
});
