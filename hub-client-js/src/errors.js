// The error types a caller can tell apart, named as in @microsoft/signalr.

/** An HTTP request the client made was answered with an error status. */
export class HttpError extends Error {
    constructor(errorMessage, statusCode) {
        super(`${errorMessage}: Status code '${statusCode}'`);
        this.name = "HttpError";
        this.statusCode = statusCode;
    }
}

/** What sending reports while there is no connection, in the words of @microsoft/signalr. */
export const NOT_CONNECTED = "Cannot send data if the connection is not in the 'Connected' State.";

/** An operation was cut short because the connection was stopped. */
export class AbortError extends Error {
    constructor(message = "An abort occurred.") {
        super(message);
        this.name = "AbortError";
    }
}
