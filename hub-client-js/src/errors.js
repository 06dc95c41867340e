// The error types a caller can tell apart, with the class names, fields and default messages of @microsoft/signalr.
// As upstream's, they print as "Error: ...", so that messages that quote them read the same.

/** What sending reports while there is no connection, in the words of @microsoft/signalr. */
export const NOT_CONNECTED = "Cannot send data if the connection is not in the 'Connected' State.";

/** An error class named `name`, whose constructor sets `fields` from its arguments after the message. */
const errorClass = (name, defaultMessage, fields = [], errorType) => ({
    [name]: class extends Error {
        constructor(message = defaultMessage, ...values) {
            super(message);
            fields.forEach((field, i) => {
                this[field] = values[i];
            });
            if (errorType) {
                this.errorType = name;
            }
        }
    },
})[name];

/** An HTTP request the client made was answered with an error status. */
export class HttpError extends Error {
    constructor(errorMessage, statusCode) {
        super(`${errorMessage}: Status code '${statusCode}'`);
        this.statusCode = statusCode;
    }
}

/** A request, or the handshake, took longer than its timeout. */
export const TimeoutError = errorClass("TimeoutError", "A timeout occurred.");
/** An operation was cut short because the connection was stopped. */
export const AbortError = errorClass("AbortError", "An abort occurred.");
/** A transport the server offers cannot run here (no WebSocket, no streams). */
export const UnsupportedTransportError = errorClass("UnsupportedTransportError", undefined, ["transport"], true);
/** A transport the server offers was left out by the `transport` option, or cannot carry the protocol's format. */
export const DisabledTransportError = errorClass("DisabledTransportError", undefined, ["transport"], true);
/** A transport the client chose failed to connect. */
export const FailedToStartTransportError = errorClass("FailedToStartTransportError", undefined, ["transport"], true);
/** The negotiate request failed or was refused. */
export const FailedToNegotiateWithServerError = errorClass("FailedToNegotiateWithServerError", undefined, [], true);
/** Every transport failed: `innerErrors` says why, one by one. */
export const AggregateErrors = errorClass("AggregateErrors", undefined, ["innerErrors"]);
