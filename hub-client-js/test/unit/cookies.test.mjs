// cookies.js: the jar that keeps, in Node, the cookies servers set.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { CookieJar } from "../../src/cookies.js";

/** The headers of a response setting each of `lines`. */
const setting = (...lines) => new Headers(lines.map((line) => ["set-cookie", line]));

/** A jar with a clock the test moves; `jar.clock.now` is in milliseconds. */
function jar() {
    const clock = { now: Date.parse("2026-01-01T00:00:00Z") };
    const cookies = new CookieJar(() => clock.now);
    cookies.clock = clock;
    return cookies;
}

describe("CookieJar", () => {
    test("sends what a response set, as name=value pairs, to the same host over http and ws", () => {
        const cookies = jar();
        cookies.store("http://h/hub/negotiate?negotiateVersion=1", setting("affinity=n1; HttpOnly; SameSite=Lax", "a=b=c"));
        assert.equal(cookies.header("http://h/hub?id=1"), "affinity=n1; a=b=c");
        assert.equal(cookies.header("ws://h/hub?id=1"), "affinity=n1; a=b=c");
        assert.equal(cookies.header("http://other/hub"), "");
        assert.equal(cookies.header("http://sub.h/hub"), "", "no Domain attribute: this host only");
    });

    test("a cookie set again is replaced; Max-Age=0 or a past Expires deletes it", () => {
        const cookies = jar();
        cookies.store("http://h/hub", setting("a=1; Path=/", "b=2; Path=/", "c=3; Path=/"));
        cookies.store("http://h/hub", setting("a=new; Path=/", "b=; Path=/; Max-Age=0",
            "c=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"));
        assert.equal(cookies.header("http://h/hub"), "a=new");
    });

    test("Max-Age and Expires end a cookie when their time comes; Max-Age wins over Expires", () => {
        const cookies = jar();
        cookies.store("http://h/", setting("short=1; Max-Age=60", "dated=2; Expires=Thu, 01 Jan 2026 00:02:00 GMT",
            "both=3; Max-Age=600; Expires=Thu, 01 Jan 2026 00:00:01 GMT", "session=4"));
        cookies.clock.now += 61_000;
        assert.equal(cookies.header("http://h/"), "dated=2; both=3; session=4");
        cookies.clock.now += 60_000;
        assert.equal(cookies.header("http://h/"), "both=3; session=4");
        cookies.clock.now += 600_000;
        assert.equal(cookies.header("http://h/"), "session=4");
    });

    test("the path defaults to the request's folder and limits where the cookie goes", () => {
        const cookies = jar();
        cookies.store("http://h/app/hub/negotiate", setting("folder=1", "explicit=2; Path=/app/hub", "root=3; Path=/"));
        assert.equal(cookies.header("http://h/app/hub"), "folder=1; explicit=2; root=3");
        assert.equal(cookies.header("http://h/app/hub/more"), "folder=1; explicit=2; root=3");
        assert.equal(cookies.header("http://h/app/hubs"), "root=3");
        assert.equal(cookies.header("http://h/other"), "root=3");
    });

    test("a Domain cookie goes to the domain's subdomains; one for another domain is refused", () => {
        const cookies = jar();
        cookies.store("http://api.example.com/hub", setting("wide=1; Domain=.Example.com; Path=/", "foreign=2; Domain=other.com"));
        assert.equal(cookies.header("http://example.com/"), "wide=1");
        assert.equal(cookies.header("http://chat.example.com/hub"), "wide=1");
        assert.equal(cookies.header("http://other.com/"), "");
    });

    test("a Secure cookie goes only over https and wss", () => {
        const cookies = jar();
        cookies.store("https://h/", setting("s=1; Secure"));
        assert.equal(cookies.header("http://h/"), "");
        assert.equal(cookies.header("ws://h/"), "");
        assert.equal(cookies.header("https://h/"), "s=1");
        assert.equal(cookies.header("wss://h/"), "s=1");
    });

    test("lines without a name or an = are ignored, as are headers that cannot list Set-Cookie", () => {
        const cookies = jar();
        cookies.store("http://h/", setting("novalue", "=anonymous", "ok=1; Max-Age=soon; Expires=never"));
        cookies.store("http://h/", { get: () => "x=1" });
        cookies.store("http://h/", undefined);
        assert.equal(cookies.header("http://h/"), "ok=1");
    });
});
