// Streams: what stream() returns, and what a caller passes as an argument to upload a stream.
import { ignore } from "./util.js";

/**
 * A stream of items that the code holding it pushes: the result of `stream()`, and an argument to
 * `invoke`, `send` or `stream` that uploads items to the server as they are pushed.
 */
export class Subject {
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
            },
        };
    }
}
