// The error types a caller can tell apart, with the class names, fields and default messages of @microsoft/signalr.
// As upstream's, they print as "Error: ...", so that messages that quote them read the same.

/** What sending reports while there is no connection, in the words of @microsoft/signalr. */
export const NOT_CONNECTED = "Cannot send data if the connection is not in the 'Connected' State.";

/** A plain Error: the minified script calls this more briefly than `new Error`, some forty times. */
export const failure = (message) => new Error(message);

/** A send's promise while there is no connection: rejected with NOT_CONNECTED. */
export const notConnected = () => Promise.reject(failure(NOT_CONNECTED));

// The classes below are marked pure, so that a bundle that uses none of them (the MessagePack script's) drops them.

/**
 * An error class named `name`, with upstream's `errorType` field when `errorType` is set, and `field` (if any) set
 * from the constructor's argument after the message.
 */
const errorClass = (name, errorType, field, defaultMessage) => ({
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
    },
})[name];

/** The class of an error about one transport, which it names in its `transport` field. */
const transportError = (name) => errorClass(name, true, "transport");

/** An HTTP request the client made was answered with an error status. */
export class HttpError extends Error {
    constructor(errorMessage, statusCode) {
        super(`${errorMessage}: Status code '${statusCode}'`);
        this.statusCode = statusCode;
    }
}

/** A request, or the handshake, took longer than its timeout. */
export const TimeoutError = /* @__PURE__ */ errorClass("TimeoutError", false, "", "A timeout occurred.");
/** An operation was cut short because the connection was stopped. */
export const AbortError = /* @__PURE__ */ errorClass("AbortError", false, "", "An abort occurred.");
/** A transport the server offers cannot run here (no WebSocket, no streams). */
export const UnsupportedTransportError = /* @__PURE__ */ transportError("UnsupportedTransportError");
/** A transport the server offers was left out by the `transport` option, or cannot carry the protocol's format. */
export const DisabledTransportError = /* @__PURE__ */ transportError("DisabledTransportError");
/** A transport the client chose failed to connect. */
export const FailedToStartTransportError = /* @__PURE__ */ transportError("FailedToStartTransportError");
/** The negotiate request failed or was refused. */
export const FailedToNegotiateWithServerError = /* @__PURE__ */ errorClass("FailedToNegotiateWithServerError", true);
/** Every transport failed: `innerErrors` says why, one by one. */
export const AggregateErrors = /* @__PURE__ */ errorClass("AggregateErrors", false, "innerErrors");
