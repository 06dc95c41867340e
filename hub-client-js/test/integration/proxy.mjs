// A TCP proxy in front of the server whose connections a test can cut, as a failing network would.
import net from "node:net";

/** Starts a proxy to 127.0.0.1:port; `drop()` resets every connection through it. */
export async function startProxy(port) {
    const sockets = new Set();
    const server = net.createServer((client) => {
        const upstream = net.connect(port, "127.0.0.1");
        const pair = [client, upstream];
        pair.forEach((socket) => {
            sockets.add(socket);
            socket.on("error", () => {});
            socket.on("close", () => {
                sockets.delete(socket);
                pair.forEach((other) => other.destroy());
            });
        });
        client.pipe(upstream);
        upstream.pipe(client);
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${server.address().port}`,
        drop() {
            sockets.forEach((socket) => socket.resetAndDestroy());
        },
        close() {
            this.drop();
            return new Promise((resolve) => server.close(resolve));
        },
    };
}
