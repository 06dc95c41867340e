package dev.switchboard;

import java.time.Duration;
import java.util.Objects;

/**
 * A cookie that a {@link HttpHandler} sets with {@link HttpContext#cookie(Cookie)}: its name and value and the
 * attributes of RFC 6265 and of {@code SameSite}. Start from {@link #of(String, String)} and add attributes:
 * {@code Cookie.of("session", id).withHttpOnly(true).withSecure(true).withSameSite(Cookie.SameSite.LAX)}.
 *
 * @param name the cookie's name, a token of RFC 6265
 * @param value its value: no spaces, double quotes, commas, semicolons, backslashes or control characters
 * @param path the {@code Path} attribute, or null for none (the browser then uses the request's directory)
 * @param domain the {@code Domain} attribute, or null for the host that set it only
 * @param maxAge the {@code Max-Age} attribute, whole seconds, or null for a session cookie; zero deletes it
 * @param secure the {@code Secure} attribute: sent over https only
 * @param httpOnly the {@code HttpOnly} attribute: hidden from the page's scripts
 * @param sameSite the {@code SameSite} attribute, or null for the browser's default
 */
public record Cookie(String name, String value, String path, String domain, Duration maxAge, boolean secure,
                     boolean httpOnly, SameSite sameSite) {

    /** The values of the {@code SameSite} attribute. */
    public enum SameSite {
        /** Sent only with requests from the cookie's own site. */
        STRICT("Strict"),
        /** Also sent when the user follows a link from another site. */
        LAX("Lax"),
        /** Sent with requests from any site; browsers keep it only with {@code Secure}. */
        NONE("None");

        private final String attribute;

        SameSite(String attribute) {
            this.attribute = attribute;
        }
    }

    /**
     * Checks the cookie.
     *
     * @param name the cookie's name
     * @param value its value
     * @param path the {@code Path}, or null
     * @param domain the {@code Domain}, or null
     * @param maxAge the {@code Max-Age}, or null
     * @param secure the {@code Secure} attribute
     * @param httpOnly the {@code HttpOnly} attribute
     * @param sameSite the {@code SameSite} attribute, or null
     * @throws IllegalArgumentException for a name, value, path or domain a {@code Set-Cookie} header cannot
     *         carry, or a negative {@code maxAge}
     */
    public Cookie {
        if (name == null || name.isEmpty() || !name.chars().allMatch(Cookie::tokenChar)) {
            throw new IllegalArgumentException("Not a cookie name: " + name);
        }
        Objects.requireNonNull(value, "value");
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != ',' && c != ';' && c != '\\')) {
            throw new IllegalArgumentException("Cookie " + name + " has a value a Set-Cookie header cannot carry: "
                    + "encode it, as Base64URL for instance");
        }
        attribute(path, "path");
        attribute(domain, "domain");
        if (maxAge != null && maxAge.isNegative()) {
            throw new IllegalArgumentException("A cookie's maxAge must be zero or more, not " + maxAge);
        }
    }

    /**
     * {@return a cookie for the whole site, {@code Path=/}, that lasts the browser's session}
     *
     * @param name the cookie's name
     * @param value its value
     */
    public static Cookie of(String name, String value) {
        return new Cookie(name, value, "/", null, null, false, false, null);
    }

    /**
     * {@return a copy with this {@code Path}}
     *
     * @param value the path, or null for none
     */
    public Cookie withPath(String value) {
        return new Cookie(name, this.value, value, domain, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * {@return a copy with this {@code Domain}}
     *
     * @param value the domain, or null for none
     */
    public Cookie withDomain(String value) {
        return new Cookie(name, this.value, path, value, maxAge, secure, httpOnly, sameSite);
    }

    /**
     * {@return a copy with this {@code Max-Age}}
     *
     * @param value how long the browser keeps it, in whole seconds; zero deletes it; null for the session
     */
    public Cookie withMaxAge(Duration value) {
        return new Cookie(name, this.value, path, domain, value, secure, httpOnly, sameSite);
    }

    /**
     * {@return a copy with or without {@code Secure}}
     *
     * @param value true to send it over https only
     */
    public Cookie withSecure(boolean value) {
        return new Cookie(name, this.value, path, domain, maxAge, value, httpOnly, sameSite);
    }

    /**
     * {@return a copy with or without {@code HttpOnly}}
     *
     * @param value true to hide it from the page's scripts
     */
    public Cookie withHttpOnly(boolean value) {
        return new Cookie(name, this.value, path, domain, maxAge, secure, value, sameSite);
    }

    /**
     * {@return a copy with this {@code SameSite}}
     *
     * @param value the attribute, or null for none
     */
    public Cookie withSameSite(SameSite value) {
        return new Cookie(name, this.value, path, domain, maxAge, secure, httpOnly, value);
    }

    /** {@return the value of the {@code Set-Cookie} header that sets it, such as {@code id=1; Path=/; HttpOnly}} */
    public String headerValue() {
        StringBuilder header = new StringBuilder(name).append('=').append(value);
        if (path != null) {
            header.append("; Path=").append(path);
        }
        if (domain != null) {
            header.append("; Domain=").append(domain);
        }
        if (maxAge != null) {
            header.append("; Max-Age=").append(maxAge.toSeconds());
        }
        if (secure) {
            header.append("; Secure");
        }
        if (httpOnly) {
            header.append("; HttpOnly");
        }
        if (sameSite != null) {
            header.append("; SameSite=").append(sameSite.attribute);
        }
        return header.toString();
    }

    private static void attribute(String value, String what) {
        if (value != null && (value.isEmpty() || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != ';'))) {
            throw new IllegalArgumentException("Not a cookie " + what + ": " + value);
        }
    }

    /** RFC 7230's tchar, of which RFC 6265 makes cookie names. */
    private static boolean tokenChar(int c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={}".indexOf(c) < 0;
    }
}
