// A small cookie jar for Node, whose fetch neither keeps nor sends cookies: what a server sets (an affinity
// cookie from a load balancer, a session) reaches the connection's later requests and its WebSocket upgrade,
// as it would in a browser. Kept: name, value, Domain (the host and its subdomains, no public-suffix list),
// Path, Secure, Expires and Max-Age (0 or past deletes). Ignored: SameSite, HttpOnly, size limits.

/** The cookies of one connection; they live as long as it does. */
export class CookieJar {
    constructor(now = Date.now) {
        this._now = now;
        this._cookies = [];
    }

    /** Keeps the cookies a response from `url` sets, and deletes those it expires. */
    store(url, headers) {
        const now = this._now();
        for (const line of headers?.getSetCookie?.() ?? []) {
            const cookie = parse(line, new URL(url), now);
            if (cookie) {
                this._cookies = this._cookies.filter((c) =>
                    c.name !== cookie.name || c.domain !== cookie.domain || c.path !== cookie.path);
                if (cookie.expires > now) {
                    this._cookies.push(cookie);
                }
            }
        }
    }

    /** The Cookie header for a request to `url` (http, https, ws or wss), or "" when no cookie applies. */
    header(url) {
        const { hostname, pathname, protocol } = new URL(url);
        const now = this._now();
        this._cookies = this._cookies.filter((c) => c.expires > now);
        return this._cookies
            .filter((c) => (c.hostOnly ? hostname === c.domain : domainMatches(hostname, c.domain))
                && pathMatches(pathname, c.path) && (!c.secure || protocol === "https:" || protocol === "wss:"))
            .map((c) => `${c.name}=${c.value}`)
            .join("; ");
    }
}

const domainMatches = (host, domain) => host === domain
    || (host.endsWith(`.${domain}`) && !/^[\d.]+$|:/.test(host));

const pathMatches = (path, cookiePath) => path === cookiePath
    || (path.startsWith(cookiePath) && (cookiePath.endsWith("/") || path[cookiePath.length] === "/"));

/** A Set-Cookie line read as RFC 6265 §5.2 says; undefined for one to ignore. */
function parse(line, url, now) {
    const [pair, ...attributes] = line.split(";");
    const equals = pair.indexOf("=");
    const name = pair.slice(0, equals).trim();
    if (equals < 0 || !name) {
        return undefined;
    }
    const cookie = {
        name, value: pair.slice(equals + 1).trim(), domain: url.hostname, hostOnly: true,
        path: defaultPath(url.pathname), secure: false, expires: Infinity,
    };
    let maxAge;
    for (const attribute of attributes) {
        const at = attribute.indexOf("=");
        const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
        const value = at < 0 ? "" : attribute.slice(at + 1).trim();
        if (key === "expires" && !Number.isNaN(Date.parse(value))) {
            cookie.expires = Date.parse(value);
        } else if (key === "max-age" && /^-?\d+$/.test(value)) {
            maxAge = Number(value);
        } else if (key === "domain" && value) {
            const domain = value.replace(/^\./, "").toLowerCase();
            if (!domainMatches(url.hostname, domain)) {
                return undefined;
            }
            cookie.domain = domain;
            cookie.hostOnly = false;
        } else if (key === "path") {
            cookie.path = value.startsWith("/") ? value : defaultPath(url.pathname);
        } else if (key === "secure") {
            cookie.secure = true;
        }
    }
    // Max-Age wins over Expires; zero or less deletes the cookie.
    if (maxAge !== undefined) {
        cookie.expires = maxAge <= 0 ? -Infinity : now + maxAge * 1000;
    }
    return cookie;
}

/** The folder of the request's path, as RFC 6265 §5.1.4 says. */
function defaultPath(path) {
    const slash = path.lastIndexOf("/");
    return slash <= 0 ? "/" : path.slice(0, slash);
}
