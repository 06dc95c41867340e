// Log levels and loggers, with the names and values of @microsoft/signalr.
import { ERROR, INFORMATION, LogLevel, NONE, WARNING } from "./enums.js";
import { failure } from "./errors.js";
import { isString } from "./util.js";

export { LogLevel } from "./enums.js";

const LEVEL_NAMES = {
    trace: 0, debug: 1, info: 2, information: 2, warn: 3, warning: 3, error: 4, critical: 5, none: 6,
};

/** A logger that drops everything. */
export class NullLogger {
    static instance = new NullLogger();

    log() {}
}

/** Writes messages at or above a minimum level to the console. */
export class ConsoleLogger {
    constructor(minimumLevel) {
        this._minimumLevel = minimumLevel;
    }

    log(level, message) {
        if (level < this._minimumLevel || level === NONE) {
            return;
        }
        const line = `[${new Date().toISOString()}] ${Object.keys(LogLevel)[level]}: ${message}`;
        const write = level >= ERROR ? console.error : level === WARNING ? console.warn
            : level === INFORMATION ? console.info : console.log;
        write(line);
    }
}

/** A logger from what configureLogging accepts: a logger, a LogLevel, or a level's name. */
export function createLogger(logging) {
    if (logging === undefined) {
        return new ConsoleLogger(INFORMATION);
    }
    if (logging === null) {
        return NullLogger.instance;
    }
    if (typeof logging.log === "function") {
        return logging;
    }
    const level = isString(logging) ? LEVEL_NAMES[logging.toLowerCase()] : logging;
    if (!Object.values(LogLevel).includes(level)) {
        throw failure(`Unknown log level: ${logging}`);
    }
    return new ConsoleLogger(level);
}
