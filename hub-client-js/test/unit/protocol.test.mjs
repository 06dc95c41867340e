// protocol.js: JSON records ended by the record separator, and the handshake response.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
    asText, frame, HANDSHAKE_REQUEST, MessageType, parseHandshakeResponse, parseMessages, RECORD_SEPARATOR,
} from "../../src/protocol.js";

describe("framing", () => {
    test("a message is its JSON followed by the record separator", () => {
        assert.equal(RECORD_SEPARATOR, "\x1e");
        assert.equal(frame({ type: MessageType.Ping }), '{"type":6}\x1e');
    });

    test("the handshake request asks for JSON version 1", () => {
        assert.equal(HANDSHAKE_REQUEST, '{"protocol":"json","version":1}\x1e');
    });

    test("message types have the protocol's numbers", () => {
        assert.deepEqual({ ...MessageType }, {
            Invocation: 1, StreamItem: 2, Completion: 3, StreamInvocation: 4, CancelInvocation: 5, Ping: 6, Close: 7,
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

describe("asText", () => {
    const bytes = new TextEncoder().encode('{"type":1,"target":"héllo ✓","arguments":[]}\x1e');

    test("passes strings through", () => {
        assert.equal(asText("abc\x1e"), "abc\x1e");
    });

    test("decodes a Uint8Array as UTF-8", () => {
        assert.deepEqual(parseMessages(asText(bytes)), [{ type: 1, target: "héllo ✓", arguments: [] }]);
    });

    test("decodes an ArrayBuffer as UTF-8", () => {
        const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
        assert.ok(buffer instanceof ArrayBuffer);
        assert.equal(asText(buffer), '{"type":1,"target":"héllo ✓","arguments":[]}\x1e');
    });
});
