// A front server before the hub, as a load balancer with sticky sessions: it passes every request and
// WebSocket upgrade through, and its answer to negotiate sets an affinity cookie, which a client must send
// back on the upgrade. Usage: node front.mjs <hub port>; prints "listening <port>".
import http from "node:http";
import net from "node:net";

const hubPort = Number(process.argv[2]);
const AFFINITY = "affinity=hub-1";

const server = http.createServer((request, response) => {
    const upstream = http.request({
        host: "127.0.0.1", port: hubPort, method: request.method, path: request.url, headers: request.headers,
    }, (answer) => {
        const headers = { ...answer.headers };
        if (new URL(request.url, "http://front").pathname.endsWith("/negotiate")) {
            headers["set-cookie"] = [`${AFFINITY}; Path=/; HttpOnly`, ...(headers["set-cookie"] ?? [])];
        }
        response.writeHead(answer.statusCode, headers);
        answer.pipe(response);
    });
    upstream.on("error", () => response.destroy());
    request.pipe(upstream);
});

server.on("upgrade", (request, socket, head) => {
    const upstream = net.connect(hubPort, "127.0.0.1", () => {
        const lines = [`${request.method} ${request.url} HTTP/1.1`];
        for (let i = 0; i < request.rawHeaders.length; i += 2) {
            lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
        }
        upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
        upstream.write(head);
        socket.pipe(upstream).pipe(socket);
    });
    // Either side's end ends the other, as the hub's own socket would.
    for (const end of [socket, upstream]) {
        end.on("error", () => {});
        end.on("close", () => [socket, upstream].forEach((other) => other.destroy()));
    }
});

server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
