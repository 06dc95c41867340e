// Small helpers that many modules share: the minified script names each once, in a letter or two.

/** For a promise whose failure is of no interest (it is reported elsewhere, or nobody is left to tell). */
export const ignore = () => {};

/** A new promise, already resolved with nothing. */
export const resolved = () => Promise.resolve();

export const isString = (value) => typeof value === "string";
