// What a hub connection sends and runs: invocations of hub methods with the streams they upload, and the client
// methods the server invokes.
import { COMPLETION, ERROR, STREAM_ITEM, WARNING } from "./enums.js";
import { ignore } from "./util.js";

const isStream = (value) => typeof value?.subscribe === "function";

/**
 * Sends an invocation; stream arguments are taken out of `args` and uploaded as they produce items.
 * With a `callback(message, error)` for the answers, returns the invocation id; without, the send's promise.
 */
export function call(hub, type, target, args, callback) {
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
    sent.catch((e) => hub._callbacks.delete(invocationId) && callback(undefined, e));
    streams.forEach((stream, i) => {
        const upload = (item) => hub._sendMessage({ invocationId: streamIds[i], ...item }).catch((e) =>
            hub._logger.log(ERROR, `Uploading a stream failed: ${e}`));
        stream.subscribe({
            next: (item) => upload({ type: STREAM_ITEM, item }),
            error: (e) => upload({ type: COMPLETION, error: e?.message ?? `${e}` }),
            complete: () => upload({ type: COMPLETION }),
        });
    });
    return callback ? invocationId : sent;
}

/**
 * Runs the handlers in order, without waiting for them unless the server asked for a result: then it
 * answers with the first value a handler returns or resolves with, or with the first error.
 */
export async function invokeClientMethod(hub, { target, arguments: args = [], invocationId }) {
    const handlers = [...(hub._handlers.get(String(target).toLowerCase()) ?? [])];
    if (!handlers.length) {
        hub._logger.log(WARNING, `No client method with the name '${target}' found.`);
    }
    let answer;
    const fail = (e) => {
        hub._logger.log(ERROR, `The handler of '${target}' threw: ${e}`);
        answer = { error: `${e}` };
    };
    for (const handler of handlers) {
        try {
            const value = handler.apply(hub, args);
            if (!invocationId) {
                Promise.resolve(value).catch(fail);
            } else {
                const result = await value;
                if (result !== undefined) {
                    answer ??= { result };
                }
            }
        } catch (e) {
            fail(e);
        }
    }
    if (invocationId) {
        hub._sendMessage({
            type: COMPLETION, invocationId, ...(answer ?? { error: "Client didn't provide a result." }),
        }).catch(ignore);
    }
}
