package dev.switchboard.redis;

import dev.switchboard.testing.Nginx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * nginx in front of two servers, in the ways the README compares: sticky by a cookie nginx sets itself, which
 * it recommends; sticky by the client's address that a load balancer in front of nginx reports, for clients
 * that keep no cookies; and plain round-robin, which it warns against.
 */
final class StickyNginx {

    private StickyNginx() {
    }

    /**
     * A client's first request, negotiate, has no cookie: nginx draws a random route ({@code $request_id}),
     * hashes it to a server, and hands it to the client in a cookie. Every later request of that client
     * carries the cookie and so hashes to the same server. The consistent hash moves only a share of the
     * routes when a server is added or removed, and a route whose server is down falls to another one.
     */
    static Nginx sticky(Path folder, int portA, int portB) throws IOException {
        return Nginx.start(subfolder(folder, "sticky"), port -> """
                upstream switchboard {
                    hash $switchboard_route consistent;
                    server 127.0.0.1:%2$d;
                    server 127.0.0.1:%3$d;
                }
                map $cookie_switchboard_route $switchboard_route {
                    ""      $request_id;
                    default $cookie_switchboard_route;
                }
                map $cookie_switchboard_route $switchboard_route_cookie {
                    ""      "switchboard_route=$request_id; Path=/; HttpOnly; SameSite=Lax";
                    default "";
                }
                server {
                    listen 127.0.0.1:%1$d;
                    location / {
                %4$s        add_header Set-Cookie $switchboard_route_cookie;
                    }
                }
                """.formatted(port, portA, portB, directives()));
    }

    /**
     * The client's address, as the load balancer at 127.0.0.1 reports it in {@code X-Forwarded-For}, hashed
     * whole (ip_hash would hash only its first three bytes, putting a whole /24 on one server).
     */
    static Nginx byAddress(Path folder, int portA, int portB) throws IOException {
        return Nginx.start(subfolder(folder, "by-address"), port -> """
                upstream switchboard {
                    hash $remote_addr consistent;
                    server 127.0.0.1:%2$d;
                    server 127.0.0.1:%3$d;
                }
                server {
                    listen 127.0.0.1:%1$d;
                    set_real_ip_from 127.0.0.1;
                    real_ip_header X-Forwarded-For;
                    location / {
                %4$s    }
                }
                """.formatted(port, portA, portB, directives()));
    }

    /** Each request goes to the next server, whichever client sent it. */
    static Nginx roundRobin(Path folder, int portA, int portB) throws IOException {
        return Nginx.start(subfolder(folder, "round-robin"), port -> """
                upstream switchboard {
                    server 127.0.0.1:%2$d;
                    server 127.0.0.1:%3$d;
                }
                server {
                    listen 127.0.0.1:%1$d;
                    location / {
                %4$s    }
                }
                """.formatted(port, portA, portB, directives()));
    }

    private static String directives() {
        return Nginx.proxyDirectives("http://switchboard", Nginx.Upgrade.FORWARDED).indent(8);
    }

    private static Path subfolder(Path folder, String name) throws IOException {
        return Files.createDirectories(folder.resolve(name));
    }
}
