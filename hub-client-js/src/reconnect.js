// A hub connection's automatic reconnect: the policy's delays, and a new start after each.
import { CONNECTED, DISCONNECTING, ERROR, INFORMATION, RECONNECTING } from "./enums.js";
import { failure } from "./errors.js";

/** Follows the reconnect policy until a start succeeds, the policy gives up, or stop() is called. */
export async function reconnect(hub, error) {
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
        hub._reconnectDelay = undefined;
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
            previousRetryCount, elapsedMilliseconds, retryReason,
        }) ?? null;
    } catch (e) {
        hub._logger.log(ERROR, `The retry policy threw: ${e}`);
        return null;
    }
}
