// Log levels and loggers, with the names and values of @microsoft/signalr.

/** How much the client logs. */
export const LogLevel = Object.freeze({
    Trace: 0,
    Debug: 1,
    Information: 2,
    Warning: 3,
    Error: 4,
    Critical: 5,
    None: 6,
});

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
        if (level < this._minimumLevel || level === LogLevel.None) {
            return;
        }
        const line = `[${new Date().toISOString()}] ${Object.keys(LogLevel)[level]}: ${message}`;
        const write = level >= LogLevel.Error ? console.error : level === LogLevel.Warning ? console.warn
            : level === LogLevel.Information ? console.info : console.log;
        write(line);
    }
}

/** A logger from what configureLogging accepts: a logger, a LogLevel, or a level's name. */
export function createLogger(logging) {
    if (logging === undefined) {
        return new ConsoleLogger(LogLevel.Information);
    }
    if (logging === null) {
        return NullLogger.instance;
    }
    if (typeof logging.log === "function") {
        return logging;
    }
    const level = typeof logging === "string" ? LEVEL_NAMES[logging.toLowerCase()] : logging;
    if (!Object.values(LogLevel).includes(level)) {
        throw new Error(`Unknown log level: ${logging}`);
    }
    return new ConsoleLogger(level);
}
